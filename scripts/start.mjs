// `npm start`: apply migrations, build when the build is missing or older than the sources,
// then serve on PORT (default 3000) through scripts/server.mjs (which decides the client
// address). Needs no settings: SQLite in ./data by default.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "./migrate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsCurrent() {
  const buildId = join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(root, s)) <= built);
}

try {
  migrate();
} catch (error) {
  console.error(`Could not prepare the database: ${error.stderr?.toString() || error.message}`);
  process.exit(1);
}

if (!buildIsCurrent()) {
  console.log("Building the console (first start or changed sources)...");
  execFileSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

const port = process.env.PORT || "3000";
// The public URL (NEXTAUTH_URL, or the first-run default in data/public-url) is fixed when the
// server starts (lib/bootstrap.ts): next-auth never builds URLs from a request's Host header.
const child = spawn(process.execPath, [join(root, "scripts/server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

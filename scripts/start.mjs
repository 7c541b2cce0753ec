// `npm start`: apply migrations, build when the build is missing or older than the sources
// (Next's build and the custom server's bundle, scripts/build.mjs), then serve on PORT (default
// 3000) through the custom server (server/main.ts, which decides the client address). Needs no
// settings: SQLite in ./data by default. `--dev` (`npm run dev`): bundles only the custom
// server, which then serves `next dev`.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild, ensureServerBuild, serverBundle } from "./build.mjs";
import { migrate } from "./migrate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
try {
  migrate();
} catch (error) {
  console.error(`Could not prepare the database: ${error.stderr?.toString() || error.message}`);
  process.exit(1);
}

const dev = process.argv.includes("--dev");
if (dev) ensureServerBuild();
else ensureBuild();

const port = process.env.PORT || "3000";
// The public URL (NEXTAUTH_URL, or the first-run default in data/public-url) is fixed when the
// server starts (lib/bootstrap.ts): next-auth never builds URLs from a request's Host header.
const child = spawn(process.execPath, ["--enable-source-maps", serverBundle(), ...(dev ? ["--dev"] : [])], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// `npm start`: apply migrations, build when the build is missing or older than the sources,
// then serve on PORT (default 3000) through server/server.mjs (which decides the client
// address). Needs no settings: SQLite in ./data by default.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuild } from "./build.mjs";
import { migrate } from "./migrate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
try {
  migrate();
} catch (error) {
  console.error(`Could not prepare the database: ${error.stderr?.toString() || error.message}`);
  process.exit(1);
}

ensureBuild();

const port = process.env.PORT || "3000";
// The public URL (NEXTAUTH_URL, or the first-run default in data/public-url) is fixed when the
// server starts (lib/bootstrap.ts): next-auth never builds URLs from a request's Host header.
const child = spawn(process.execPath, [join(root, "server/server.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

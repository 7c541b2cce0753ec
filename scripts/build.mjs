// The production build, made only when missing or older than the sources: `npm start` runs it
// before serving, and the test suite runs it once before the tests that start a real server.
// `node scripts/build.mjs` builds into NEXT_DIST_DIR (default .next) when needed.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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

/** The build folder: NEXT_DIST_DIR (relative to the project) or .next. */
export const distDir = (env = process.env) => env.NEXT_DIST_DIR || ".next";

export function buildIsCurrent(env = process.env) {
  const buildId = join(root, distDir(env), "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(root, s)) <= built);
}

/** Builds when the build is missing or stale; returns whether it built. */
export function ensureBuild(env = process.env) {
  if (buildIsCurrent(env)) return false;
  console.log("Building the console (first start or changed sources)...");
  execFileSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureBuild();

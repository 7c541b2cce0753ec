// The production build, made only when missing or older than the sources: `npm start` runs it
// before serving, and the test suite runs it once before the tests that start a real server.
// `node scripts/build.mjs` builds into NEXT_DIST_DIR (default .next) when needed.
// Two parts: Next's build, then the custom server (server/main.ts and the lib/ TypeScript it
// imports) bundled by esbuild into <NEXT_DIST_DIR>/pat-server/main.mjs, packages external (they
// load from node_modules), the `@/` alias resolved from tsconfig.json. Next's build empties its
// folder, so the server bundle is made after it.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json"];
const SERVER_SOURCES = ["server", "lib", "package.json", "tsconfig.json"];

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

/** The build folder: NEXT_DIST_DIR (relative to the project) or .next. @param {Record<string, string | undefined>} [env] */
export const distDir = (env = process.env) => env.NEXT_DIST_DIR || ".next";

export function buildIsCurrent(env = process.env) {
  const buildId = join(root, distDir(env), "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(root, s)) <= built);
}

/** The custom server's bundle for a build folder. @param {Record<string, string | undefined>} [env] */
export const serverBundle = (env = process.env) => join(root, distDir(env), "pat-server", "main.mjs");

/** Bundles the custom server when its bundle is missing or older than its sources; returns whether it built. */
export function ensureServerBuild(env = process.env) {
  const out = serverBundle(env);
  if (existsSync(out) && SERVER_SOURCES.every((s) => newestMtime(join(root, s)) <= statSync(out).mtimeMs)) return false;
  // Written beside, then renamed: a process starting meanwhile never loads half a file.
  const partial = `${out}.${process.pid}.partial`;
  buildSync({
    entryPoints: [join(root, "server/main.ts")],
    outfile: partial,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: join(root, "tsconfig.json"),
    sourcemap: "inline",
    logLevel: "warning",
  });
  renameSync(partial, out);
  return true;
}

/** Builds when the build is missing or stale; returns whether it built. */
export function ensureBuild(env = process.env) {
  let built = false;
  if (!buildIsCurrent(env)) {
    console.log("Building the console (first start or changed sources)...");
    execFileSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
    built = true;
  }
  return ensureServerBuild(env) || built;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureBuild();

// The production build, made only when missing or older than the sources: `npm start` runs it
// before serving, and the test suite runs it once before the tests that start a real server.
// `node scripts/build.mjs` builds into NEXT_DIST_DIR (default .next) when needed.
// Two parts: Next's build, then the custom server (server/main.ts and the lib/ TypeScript it
// imports) bundled by esbuild into <NEXT_DIST_DIR>/pat-server/main.mjs, packages external (they
// load from node_modules), the `@/` alias resolved from tsconfig.json. Next's build empties its
// folder, so the server bundle is made after it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json"];
const SERVER_SOURCES = ["server", "lib", "package.json", "tsconfig.json", "scripts/build.mjs"];

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

/** Packages stay out of the bundle (loaded from node_modules at run time, as Next loads them).
 * Node's ESM loader needs the file of a subpath import when the package has no "exports" map
 * ("next/server" is next/server.js): such an import in the bundle gets its ".js". */
function withFileExtensions(code) {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"((?:@[\w.-]+\/)?[\w.-]+)\/([\w./-]+)"/g, (all, before, name, subpath) => {
    const dir = join(root, "node_modules", name);
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, "utf8")).exports !== undefined) return all;
    return existsSync(join(dir, `${subpath}.js`)) ? `${before}"${name}/${subpath}.js"` : all;
  });
}

/** The custom server's bundle for a build folder. @param {Record<string, string | undefined>} [env] */
export const serverBundle = (env = process.env) => join(root, distDir(env), "pat-server", "main.mjs");

/** Bundles the custom server when its bundle is missing or older than its sources; returns whether it built.
 * Split in chunks: the entry sets NODE_ENV and loads Next before the chunk that imports
 * Next's modules (the lane, through lib/api) is loaded, as `next start` orders it. */
export function ensureServerBuild(env = process.env) {
  const out = serverBundle(env);
  if (existsSync(out) && SERVER_SOURCES.every((s) => newestMtime(join(root, s)) <= statSync(out).mtimeMs)) return false;
  const outdir = dirname(out);
  const { outputFiles } = buildSync({
    entryPoints: [join(root, "server/main.ts")],
    outdir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: join(root, "tsconfig.json"),
    sourcemap: "inline",
    logLevel: "warning",
  });
  // The chunks (named by their content) first, the entry last, written beside and renamed: a
  // process starting meanwhile never loads half a file or a chunk that is not there yet.
  for (const file of [...outputFiles].sort((x, y) => (x.path === out) - (y.path === out))) {
    mkdirSync(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, withFileExtensions(file.text));
    renameSync(partial, file.path);
  }
  // Older chunks stay: a server that loaded the previous entry imports its lane chunk only once
  // Next is ready. Next's next build empties the folder anyway (lib/ changed: both rebuild).
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

// `npm test`: the whole suite. Migration check, unit + integration tests (vitest) and browser
// tests (Playwright in Chromium), on SQLite, or on PostgreSQL when TEST_DATABASE_URL is set.
// Ends with one line "N passed, N failed".
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { E2E_DIST_DIR, E2E_PORT, E2E_RESULTS } from "../e2e/constants.mjs";
import { ensureBuild } from "./build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules/.bin", name);

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((p) => p && existsSync(p));
}

/** Debian's Chromium when we are root with apt; else Playwright's own download. */
function ensureBrowser() {
  let found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    console.log("Installing Chromium from apt...");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-q", "chromium"], { stdio: "inherit", env });
    found = findChromium();
    if (found) return found;
  }
  console.log("Installing Playwright's Chromium...");
  const res = spawnSync(bin("playwright"), ["install", "chromium"], { stdio: "inherit" });
  if (res.status !== 0) throw new Error("No browser: install Chromium (apt-get install chromium) or set CHROMIUM_PATH");
  return undefined; // Playwright finds its own
}

/** OpenLDAP's slapd for the LDAP tests (they start their own on a loopback port). */
function ensureSlapd() {
  if (existsSync("/usr/sbin/slapd")) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("Installing slapd from apt...");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
    spawnSync("apt-get", ["install", "-y", "-q", "slapd", "ldap-utils"], { stdio: "inherit", env });
  }
  if (!existsSync("/usr/sbin/slapd")) console.log("slapd is missing: the LDAP tests will fail (apt-get install slapd).");
}

const timings = [];
function timed(label, fn) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  try {
    return fn();
  } finally {
    timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

function run(label, command, args, env = {}) {
  return timed(label, () => spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } }).status === 0);
}

/** Runs commands side by side (the checks are single-threaded; the machine may have 2 cores),
 * printing each one's output when it ends; resolves with whether each passed. */
function runTogether(jobs) {
  return Promise.all(
    jobs.map(
      ({ label, command, args }) =>
        new Promise((resolve) => {
          const started = Date.now();
          const child = spawn(command, args, { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
          let output = "";
          child.stdout.on("data", (chunk) => (output += chunk));
          child.stderr.on("data", (chunk) => (output += chunk));
          let reported = false;
          const done = (passed) => {
            if (reported) return; // "error" may be followed by "close"
            reported = true;
            console.log(`\n=== ${label} ===`);
            process.stdout.write(output);
            timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(0)} s (alongside the others)`);
            resolve(passed);
          };
          child.on("error", (error) => {
            output += `${error.message}\n`;
            done(false);
          });
          child.on("close", (code) => done(code === 0));
        }),
    ),
  );
}

function counts(file, kind) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (kind === "vitest") {
    return { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0) };
  }
  const s = report.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) + (report.errors?.length ?? 0) };
}

const onPostgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? "");
console.log(`Running the suite on ${onPostgres ? "PostgreSQL" : "SQLite"}.`);
rmSync(join(root, E2E_RESULTS), { recursive: true, force: true });

const [migrationsMatch, typesCheck] = await runTogether([
  { label: "Migrations match prisma/schema.prisma", command: process.execPath, args: [join(root, "scripts/migration-diff.mjs"), "--check"] },
  { label: "Type check", command: bin("tsc"), args: ["--noEmit"] },
]);
let ok = migrationsMatch && typesCheck;
const migrationCheck = migrationsMatch ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
const typeCheck = typesCheck ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };

// One production build for everything that runs a real server: the vitest tests that start
// one (tests/server-process.ts) and Playwright's (scripts/e2e-server.mjs) use this folder.
let built = true;
timed("Build (shared by the server tests and the browser tests)", () => {
  try {
    ensureBuild({ ...process.env, NEXT_DIST_DIR: E2E_DIST_DIR });
  } catch {
    built = false;
  }
});
ok = built && ok;
const build = built ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };

// Not under test-results/: Playwright empties that folder when it starts. Per E2E_PORT, like the
// e2e build and results, so that two runs can share a checkout (.ci/run runs both engines at once).
const unitReport = join(root, E2E_PORT === 3100 ? "data/test/vitest.json" : `data/test/vitest-${E2E_PORT}.json`);
ensureSlapd();
ok = run("Unit and integration tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`]) && ok;

const chromium = ensureBrowser();
ok = run("Browser tests (Playwright)", bin("playwright"), ["test"], chromium ? { CHROMIUM_PATH: chromium } : {}) && ok;

const all = [migrationCheck, typeCheck, build, counts(unitReport, "vitest"), counts(join(root, E2E_RESULTS, "e2e.json"), "playwright")];
const passed = all.reduce((n, c) => n + c.passed, 0);
const failed = all.reduce((n, c) => n + c.failed, 0);
console.log(`\nTimes: ${timings.join(", ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);

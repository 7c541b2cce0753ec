import { cpus } from "node:os";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE, E2E_BASE_URL, E2E_IDP_ISSUER, E2E_RESULTS } from "./e2e/constants.mjs";

// e2e/instances.spec.ts starts a second app instance on the suite's database: that is what
// PostgreSQL is for (SQLite is one instance's engine), so it runs only there, and says so.
const onPostgres = /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? "");
if (!onPostgres) console.log("Two-instance browser-suite test (e2e/instances.spec.ts) not run: it needs TEST_DATABASE_URL=postgresql://...");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  // A worker per core, at least 2 (the tests mostly wait on the server and the browser).
  workers: Math.max(2, cpus().length),
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000, // generous: a loaded CI machine, not a speed check
  expect: { timeout: 10_000 },
  outputDir: E2E_RESULTS,
  reporter: [["list"], ["json", { outputFile: `${E2E_RESULTS}/e2e.json` }]],
  use: {
    baseURL: E2E_BASE_URL,
    ...devices["Desktop Chrome"],
    // A failed test keeps its trace: actions, network, console and DOM snapshots. Without the
    // screencast: recording screenshots for every test (kept or not) doubled a test's time on
    // this 2-core machine; screenshot below still keeps the failing page's last picture.
    // In CI (CI=true, .ci/run) no trace at all: its files don't outlive the run there, and
    // recording one for every test costs CPU the two suites side by side don't have.
    trace: process.env.CI ? "off" : { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium where Playwright can't download its own (scripts/test.mjs finds it).
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"], testIgnore: [/auth\.setup\.ts/, /policy\.spec\.ts/, ...(onPostgres ? [] : [/instances\.spec\.ts/])], use: { storageState: ADMIN_STATE } },
    // The admin policy is global: these tests change it, so they run alone, after the rest.
    { name: "policy", testMatch: /policy\.spec\.ts/, dependencies: ["chromium"], use: { storageState: ADMIN_STATE } },
  ],
  webServer: [
    {
      // A real OpenID Provider on loopback for the SSO tests.
      command: "node e2e/oidc-idp.mjs",
      url: `${E2E_IDP_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `${E2E_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 600_000, // it builds the app first; a loaded machine needs the margin
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});

// The server the Playwright suite runs against: a fresh database (SQLite, or PostgreSQL with
// TEST_DATABASE_URL), a known admin, then exactly what `npm start` does.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freshTestDatabase } from "./test-database.mjs";
import { E2E_ADMIN, E2E_AUTH_SECRET, E2E_BASE_URL, E2E_DATABASE_SUITE, E2E_DIST_DIR, E2E_IDP_ISSUER, E2E_OIDC_CLIENT, E2E_PORT } from "../e2e/constants.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  DATABASE_URL: await freshTestDatabase(E2E_DATABASE_SUITE),
  NEXT_DIST_DIR: E2E_DIST_DIR,
  PORT: String(E2E_PORT),
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  AUTH_SECRET: E2E_AUTH_SECRET,
  // The browser uses 127.0.0.1: that is the console's public origin in this run.
  NEXTAUTH_URL: E2E_BASE_URL,
  OIDC_ISSUER: E2E_IDP_ISSUER,
  OIDC_CLIENT_ID: E2E_OIDC_CLIENT.id,
  OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.secret,
  OIDC_NAME: "Test IdP",
  // Rate-limit counters of this run only (REDIS_URL may point at a shared Redis).
  RATE_LIMIT_PREFIX: `e2e-${randomUUID().slice(0, 8)}`,
  // Every test seeds its own users from 127.0.0.1 through the API: far more than a person would.
  RATE_LIMIT_USER_CREATE: "100000,600,600",
  // Playwright prints the server's output: one line per request would bury the test report.
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // Token usage is written every second, not every minute, so the usage card fills quickly.
  USAGE_FLUSH_SECONDS: "1",
};
const child = spawn(process.execPath, [join(root, "scripts/start.mjs")], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

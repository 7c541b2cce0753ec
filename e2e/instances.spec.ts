// Two real app instances (two server/main.ts processes) on one PostgreSQL, as a fleet runs:
// instance A is the suite's server, instance B a second process started here on the same build
// and database, with a token cache TTL of 300 s, so the only way B can refuse a token it has
// cached is the revoke notification (LISTEN/NOTIFY, lib/tokens/service/cache-sync.ts). Runs only on
// PostgreSQL (playwright.config.ts), the engine several instances share.
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import pg from "pg";
import { E2E_AUTH_SECRET, E2E_DATABASE_SUITE, E2E_DIST_DIR, E2E_SECOND_PORT } from "./constants.mjs";
import { expect, test } from "./fixtures";

/** lib/tokens/service/cache-sync.ts APPLICATION_NAME (not imported: that module loads the app's database client). */
const APPLICATION_NAME = "pat-cache-sync";
const B_URL = `http://127.0.0.1:${E2E_SECOND_PORT}`;
/** The custom server's bundle in the suite's build (scripts/build.mjs serverBundle: not imported,
 * Playwright loads specs as CommonJS and that module is ESM). */
const SERVER_BUNDLE = resolve(E2E_DIST_DIR, "pat-server", "main.mjs");
// The suite's database, as scripts/test-database.mjs names it: <TEST_DATABASE_URL's>_<suite>.
const databaseUrl = (() => {
  const url = new URL(process.env.TEST_DATABASE_URL ?? "");
  url.pathname = `/${`${url.pathname.slice(1) || "pat"}_${E2E_DATABASE_SUITE}`.replace(/[^a-zA-Z0-9_]/g, "_")}`;
  return url.toString();
})();
let instanceB: ChildProcess;
let output = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  instanceB = spawn(process.execPath, [SERVER_BUNDLE], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXT_DIST_DIR: E2E_DIST_DIR,
      PORT: String(E2E_SECOND_PORT),
      AUTH_SECRET: E2E_AUTH_SECRET,
      NEXTAUTH_URL: B_URL,
      TOKEN_CACHE_TTL_SECONDS: "300",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  instanceB.stdout?.on("data", (chunk) => (output += chunk));
  instanceB.stderr?.on("data", (chunk) => (output += chunk));
  const started = await expect
    .poll(async () => (await fetch(`${B_URL}/api/health`).catch(() => null))?.status, { timeout: 60_000 })
    .toBe(200)
    .then(() => true, () => false);
  expect(started, `instance B did not start:\n${output}`).toBe(true);
});

test.afterAll(async () => {
  instanceB?.kill("SIGTERM");
});

const onB = (secret: string) => fetch(`${B_URL}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } }).then((r) => r.status);

async function tokenCachedOnB(api: import("@playwright/test").APIRequestContext) {
  const created = await api.post("/api/v1/tokens", { data: { name: `fleet ${Date.now()}`, expiresIn: "7d" } });
  expect(created.status(), await created.text()).toBe(201);
  const { token, secret } = await created.json();
  expect(await onB(secret)).toBe(200); // B looked it up and holds it in its cache for 300 s
  return { id: token.id as string, secret: secret as string };
}

/** The LISTEN connections of the instances (A's and B's), as PostgreSQL sees them. */
async function listeners(): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1", [APPLICATION_NAME]);
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

test("a token revoked on one instance is refused by the other long before its cache would expire", async ({ api }) => {
  const t = await tokenCachedOnB(api);
  const revoked = await api.post(`/api/v1/tokens/${t.id}/revoke`);
  expect(revoked.status()).toBe(200);
  await expect.poll(() => onB(t.secret), { timeout: 30_000 }).toBe(401);
});

test("with the notification connections cut, both instances reconnect by themselves and keep agreeing", async ({ api }) => {
  await expect.poll(() => listeners().then((l) => l.length), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const before = await listeners();
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  for (const pid of before) await admin.query("SELECT pg_terminate_backend($1)", [pid]);
  await admin.end();
  // New LISTEN connections, none of the old ones.
  await expect
    .poll(async () => (await listeners()).filter((pid) => !before.includes(pid)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(2);
  const t = await tokenCachedOnB(api);
  expect((await api.post(`/api/v1/tokens/${t.id}/revoke`)).status()).toBe(200);
  await expect.poll(() => onB(t.secret), { timeout: 30_000 }).toBe(401);
});

// `npm run bench`: what authenticating with a token costs on the hot path.
// Starts the console on a fresh database (SQLite, or PostgreSQL with BENCH_DATABASE_URL),
// fills it with BENCH_TOKENS tokens (default 100,000) so the index is realistic, then
// measures requests/s of GET /api/v1/me with a token against GET /api/health (a bare route
// with one trivial query) on the same server, in interleaved rounds, and prints the ratio.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabase } from "../lib/database-url.mjs";
import { freshTestDatabase } from "./test-database.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TOKENS = Number(process.env.BENCH_TOKENS ?? 100_000);
const admin = { email: "bench@example.test", password: "bench-password-123" };

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const databaseUrl = await freshTestDatabase("bench");

async function fillTokens(userCount = 100) {
  const db = resolveDatabase(databaseUrl, root);
  const now = new Date().toISOString();
  const row = (i) => [`bench-${i}`, `bench-user-${i % userCount}`, `token ${i}`, "pat_bench000", createHash("sha256").update(randomBytes(16)).digest("hex")];
  if (db.provider === "sqlite") {
    const sqlite = new Database(db.file);
    const user = sqlite.prepare(`INSERT INTO "User" (id, email, name, kind, roles, updatedAt) VALUES (?, ?, 'Bench', 'internal', 'user', ?)`);
    const token = sqlite.prepare(`INSERT INTO "Token" (id, userId, name, prefix, secretHash, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
    sqlite.transaction(() => {
      for (let u = 0; u < userCount; u++) user.run(`bench-user-${u}`, `bench-${u}@example.test`, now);
      for (let i = 0; i < TOKENS; i++) token.run(...row(i), now);
    })();
    sqlite.close();
  } else {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      `INSERT INTO "User" (id, email, name, kind, roles, "updatedAt") SELECT 'bench-user-' || g, 'bench-' || g || '@example.test', 'Bench', 'internal', 'user', now() FROM generate_series(0, $1 - 1) g`,
      [userCount],
    );
    await client.query(
      `INSERT INTO "Token" (id, "userId", name, prefix, "secretHash") SELECT 'bench-' || g, 'bench-user-' || (g % $2), 'token ' || g, 'pat_bench000', md5(random()::text) || md5(random()::text) FROM generate_series(0, $1 - 1) g`,
      [TOKENS, userCount],
    );
    await client.end();
  }
}

async function waitFor(url, ms = 240_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Server did not answer at ${url}`);
}

/** Signs in through next-auth like a browser and creates a token with the session. */
async function mintBenchToken() {
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const login = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password }),
  });
  const session = login.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error("Could not sign in the bench admin");
  const res = await fetch(`${BASE}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session, origin: BASE },
    body: JSON.stringify({ name: "bench", expiresIn: "7d" }),
  });
  if (res.status !== 201) throw new Error(`Could not create the bench token: ${res.status} ${await res.text()}`);
  return (await res.json()).secret;
}

function measure(path, headers = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url: BASE + path, connections: CONNECTIONS, duration: SECONDS, headers }, (error, result) => {
      if (error) return reject(error);
      const ok = result["2xx"];
      if (result.non2xx > 0 || result.errors > 0) return reject(new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`));
      resolve({ rps: ok / SECONDS, p99: result.latency.p99 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = spawn(process.execPath, [join(root, "scripts/start.mjs")], {
  cwd: root,
  env: { ...process.env, NEXT_DIST_DIR: ".next-bench", DATABASE_URL: databaseUrl, PORT: String(PORT), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, AUTH_SECRET: "bench-secret-bench-secret-bench-secret-1", NEXTAUTH_URL: BASE },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await waitFor(`${BASE}/api/health`); // the first start creates the bench admin
  console.log(`Filling the database with ${TOKENS.toLocaleString()} tokens...`);
  await fillTokens();
  const secret = await mintBenchToken();
  const auth = { authorization: `Bearer ${secret}` };
  await measure("/api/health");
  await measure("/api/v1/me", auth); // warm-up
  const health = [];
  const me = [];
  for (let round = 1; round <= ROUNDS; round++) {
    health.push(await measure("/api/health"));
    me.push(await measure("/api/v1/me", auth));
    console.log(`round ${round}: health ${health.at(-1).rps.toFixed(0)} req/s, me with token ${me.at(-1).rps.toFixed(0)} req/s`);
  }
  const h = median(health.map((r) => r.rps));
  const m = median(me.map((r) => r.rps));
  const engine = resolveDatabase(databaseUrl, root).provider;
  console.log(`\n${engine}, ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS}s rounds, ${TOKENS.toLocaleString()} tokens`);
  console.log(`GET /api/health           ${h.toFixed(0)} req/s (p99 ${median(health.map((r) => r.p99))} ms)`);
  console.log(`GET /api/v1/me with a PAT ${m.toFixed(0)} req/s (p99 ${median(me.map((r) => r.p99))} ms)`);
  console.log(`ratio ${(m / h).toFixed(2)} (target >= 0.90)`);
} finally {
  server.kill("SIGTERM");
}

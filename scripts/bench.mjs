// `npm run bench`: what the console's routes cost, measured in the same run against two
// limits: the Next floor (a trivial route handler, Response.json, on the same build and server:
// app/api/bench-floor/route.bench.ts, built only into the bench's build) and the machine's limit
// (scripts/bench-bare.mjs: a plain node:http server on the same database file doing the same
// per-request token work). Interleaved rounds (floor, bare, case), ratios of medians, the load
// average beside them (the machine may be shared: prefer the ratios). Starts the console on a
// fresh database (SQLite, or PostgreSQL with BENCH_DATABASE_URL) and fills it in bulk, straight
// into the tables, with tokens whose secrets the script knows (so it can rotate through them).
//
// Cases (BENCH_CASES, comma separated, default all), in this order as the table grows:
//   health    GET /api/health                                      (vs floor; bare: SELECT 1)
//   one       GET /api/v1/me, one token over and over              (target >= 0.90 x floor)
//   allowlist the same with a 100-entry IP allowlist, the caller last
//   unknown   well-formed tokens that don't exist, each new (401)
//   checksum  a bad checksum (401)
//   introspect POST /api/v1/oauth/introspect (the bench admin's token as caller) about a valid
//             PAT, an unknown one and a revoked one: whatever answers that URL (Next, or a lane
//             in front of it) is what is measured
//   cacheoff  the server restarted with TOKEN_CACHE_TTL_SECONDS=0: one token, and 1,000 in rotation
//   many      BENCH_MANY distinct tokens in rotation (20000,200000)
//   flood     a client with a valid token (one address) while another address floods the
//             server with unknown tokens, against the same client while that address sends
//             health checks at the same rate (BENCH_FLOOD_RATE, 300 req/s; ratio of the client's req/s): a flood of bad tokens costs
//             the others no more than any other traffic, and never locks them out
//   million   verification p99 with the cache off, 1,000 distinct tokens in use, with 1,000 then
//             1,000,000 tokens in the table (ratio of p99s; the table is vacuumed and analysed
//             after the bulk load, as autovacuum would); then the Access Tokens API, first page of a user with
//             5,000 tokens and the admins' all-users view, against an empty page (time ratio)
// The server trusts one proxy hop (TRUST_PROXY=1) so that each request says its client address in
// X-Forwarded-For: the refusal cases spread over 50,000 addresses (the failed-token rate limit,
// 100 per address per 5 minutes, is what the flood case shows, not what they measure).
// Settings: BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_CONNECTIONS (32), BENCH_MILLION
// (1000000), BENCH_TTL (the server's TOKEN_CACHE_TTL_SECONDS; 0 = cache off), BENCH_WORKERS (the
// server's WEB_CONCURRENCY, 1: one process like the bare verifier), BENCH_PORT (the
// console; the bare verifier listens on BENCH_PORT + 1), BENCH_PROFILE (a folder: the server
// runs under node --cpu-prof and leaves its profiles there). Each round also reads the answering
// process's CPU time (/proc/<pid>/stat) per request: "x bare (CPU)" is the bare verifier's CPU per
// request over the case's, steadier than req/s when other work shares the cores.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabase } from "../lib/database-url.mjs";
import { ALPHABET, RANDOM_LENGTH, checksum, hashSecret } from "../lib/tokens/secret-format.mjs";
import { serverBundle } from "./build.mjs";
import { freshTestDatabase } from "./test-database.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://127.0.0.1:${PORT}`;
const BARE = `http://127.0.0.1:${PORT + 1}`;
const FLOOR = "/api/bench-floor";
const DIST_DIR = ".next-bench";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const MANY = (process.env.BENCH_MANY ?? "20000,200000").split(",").map(Number);
const MILLION = Number(process.env.BENCH_MILLION ?? 1_000_000);
const TTL = process.env.BENCH_TTL;
const FLOOD_RATE = Number(process.env.BENCH_FLOOD_RATE ?? 300);
const WORKERS = process.env.BENCH_WORKERS ?? "1";
const PROFILE = process.env.BENCH_PROFILE ? join(root, process.env.BENCH_PROFILE) : null;
const CASES = new Set((process.env.BENCH_CASES ?? "health,one,allowlist,unknown,checksum,introspect,cacheoff,flood,many,million").split(",").map((c) => c.trim()));
const SMALL = 1_000;
const LISTED = 5_000;
const USERS = 100;
const admin = { email: "bench@example.test", password: "bench-password-123" };

if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
const databaseUrl = await freshTestDatabase("bench");
const database = resolveDatabase(databaseUrl, root);

// Secrets in the real format (lib/tokens/secret-format.mjs), derived from their index.
function secretFor(i, seed = "bench") {
  const digest = createHash("sha256").update(`${seed}:${i}`).digest();
  let body = "pat_";
  for (let k = 0; k < RANDOM_LENGTH; k++) body += ALPHABET[digest[k] % 62];
  return body + checksum(body);
}

// Token i belongs to a fleet user; the LISTED tokens after `MILLION - LISTED` to one user, and
// one more token to a user who has nothing else (the empty page).
const LISTER = "bench-lister";
const EMPTY = "bench-empty";
const EMPTY_INDEX = MILLION; // one past the fleet
const ownerOf = (i) => (i === EMPTY_INDEX ? EMPTY : i >= MILLION - LISTED ? LISTER : `bench-user-${i % USERS}`);
const T0 = Date.now() - MILLION - 1000; // createdAt: one millisecond apart, newest last
const sqliteDate = (ms) => new Date(ms).toISOString().replace("Z", "+00:00");

let filled = 0;
/** Inserts tokens [filled, upTo) (and the users, the first time). */
async function fillTo(upTo, extra = []) {
  const indexes = [...Array.from({ length: Math.max(0, upTo - filled) }, (_, k) => filled + k), ...extra];
  if (indexes.length === 0) return;
  const started = Date.now();
  const users = [...Array.from({ length: USERS }, (_, u) => `bench-user-${u}`), LISTER, EMPTY];
  if (database.provider === "sqlite") {
    const sqlite = new Database(database.file, { timeout: 10_000 });
    const user = sqlite.prepare(`INSERT OR IGNORE INTO "User" (id, email, name, kind, roles, updatedAt) VALUES (?, ?, 'Bench', 'internal', 'user', ?)`);
    const token = sqlite.prepare(`INSERT INTO "Token" (id, userId, name, prefix, secretHash, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
    sqlite.transaction(() => {
      for (const u of users) user.run(u, `${u}@example.test`, sqliteDate(Date.now()));
    })();
    // In chunks, so that the server's own writes (last used) get the lock in between.
    for (let at = 0; at < indexes.length; at += 20_000) {
      sqlite.transaction(() => {
        for (const i of indexes.slice(at, at + 20_000)) {
          const secret = secretFor(i);
          token.run(`bench-${i}`, ownerOf(i), `token ${i}`, secret.slice(0, 12), hashSecret(secret), sqliteDate(T0 + i));
        }
      })();
    }
    sqlite.close();
  } else {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO "User" (id, email, name, kind, roles, "updatedAt") SELECT u, u || '@example.test', 'Bench', 'internal', 'user', now() FROM unnest($1::text[]) u ON CONFLICT DO NOTHING`,
      [users],
    );
    for (let at = 0; at < indexes.length; at += 20_000) {
      const chunk = indexes.slice(at, at + 20_000);
      const secrets = chunk.map((i) => secretFor(i));
      await client.query(
        `INSERT INTO "Token" (id, "userId", name, prefix, "secretHash", "createdAt")
         SELECT 'bench-' || i, o, 'token ' || i, p, h, to_timestamp(c / 1000.0) AT TIME ZONE 'UTC'
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::float8[]) AS t(i, o, p, h, c)`,
        [chunk, chunk.map(ownerOf), secrets.map((s) => s.slice(0, 12)), secrets.map(hashSecret), chunk.map((i) => T0 + i)],
      );
    }
    await client.query(`ANALYZE "Token"`);
    await client.end();
  }
  filled = Math.max(filled, upTo);
  console.log(`  filled to ${filled.toLocaleString()} tokens in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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

let session;
/** Signs in through next-auth like a browser (once) and creates a token with the session. */
async function mintBenchToken(extra = {}) {
  session ??= await signIn();
  const res = await fetch(`${BASE}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session, origin: BASE },
    body: JSON.stringify({ name: "bench", expiresIn: "7d", ...extra }),
  });
  if (res.status !== 201) throw new Error(`Could not create the bench token: ${res.status} ${await res.text()}`);
  return (await res.json()).secret;
}

/** A token created and then revoked through the API (its secret is known). */
async function revokedToken() {
  session ??= await signIn();
  const res = await fetch(`${BASE}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session, origin: BASE },
    body: JSON.stringify({ name: "bench revoked", expiresIn: "7d" }),
  });
  const { token: { id }, secret } = await res.json();
  const revoked = await fetch(`${BASE}/api/v1/tokens/${id}/revoke`, { method: "POST", headers: { cookie: session, origin: BASE } });
  if (!revoked.ok) throw new Error(`Could not revoke the bench token: ${revoked.status} ${await revoked.text()}`);
  return secret;
}

async function signIn() {
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const login = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: admin.email, password: admin.password }),
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("next-auth.session-token="));
  if (!cookie) throw new Error("Could not sign in the bench admin");
  return cookie;
}

/** One autocannon run against the console (or `base`). `secrets`: rotate through them, one per
 * request, as the Bearer credential or, with `form`, as the form field `token` of a POST (then
 * `secret` is the caller's credential). `from`: the client address (X-Forwarded-For); `spread`: a
 * different one of 50,000 addresses per request. `status: null` accepts any 4xx (a flood is
 * refused, then rate limited). */
function measure(path, { base = BASE, secret, secrets, form = false, status = 200, from, spread = false, connections = CONNECTIONS, rate, seconds = SECONDS } = {}) {
  const pid = base === BARE ? bare.pid : serverPid();
  const cpuBefore = cpuTicks(pid);
  let next = 0;
  let nextAddress = 0;
  const auth = (s) => ({ authorization: `Bearer ${s}` });
  const address = () => {
    const n = nextAddress++ % 50_000;
    return `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`;
  };
  const fixed = { ...(secret ? auth(secret) : {}), ...(from ? { "x-forwarded-for": from } : {}), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) };
  const requests = [
    {
      method: form ? "POST" : "GET",
      path,
      headers: fixed,
      ...(secrets || spread
        ? {
            setupRequest: (req) => {
              const rotated = secrets ? secrets[next++ % secrets.length] : undefined;
              return {
                ...req,
                headers: { ...req.headers, ...(rotated && !form ? auth(rotated) : {}), ...(spread ? { "x-forwarded-for": address() } : {}) },
                ...(rotated && form ? { body: `token=${rotated}` } : {}),
              };
            },
          }
        : {}),
    },
  ];
  return new Promise((resolve, reject) => {
    autocannon({ url: base, connections, duration: seconds, requests, ...(rate ? { overallRate: rate } : {}) }, (error, result) => {
      if (error) return reject(error);
      const expected = status === null ? result["4xx"] : result[`${Math.floor(status / 100)}xx`];
      const total = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
      if (total !== expected || result.errors > 0) {
        return reject(new Error(`${base}${path}: ${total - expected} answers other than ${status}, ${result.errors} errors`));
      }
      // CPU time of the answering process per answer: what a request costs, whatever else the machine runs.
      const cpuUs = ((cpuTicks(pid) - cpuBefore) * 1e6) / CLOCK_TICKS / Math.max(1, total);
      resolve({ rps: expected / seconds, p99: result.latency.p99, mean: result.latency.mean, cpuUs });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS = 100;

/** User + system CPU time of a process so far, in clock ticks (0 where /proc can't say). */
function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The console's server process: the bundle itself, or the one \`npm start\`'s script runs (its
 * child running the bundle; it may have run others before, the migrations). */
function serverPid() {
  try {
    const children = readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8").trim().split(" ").filter(Boolean);
    const bundle = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("pat-server"));
    return bundle ? Number(bundle) : server.pid;
  } catch {
    return server.pid;
  }
}
const load = () => loadavg()[0];

/** Interleaved rounds of the Next floor, the bare verifier doing the same work (`barePath`, default
 * the same path, same requests) and the case; ratios of median req/s to both. */
async function againstLimits(label, path, options = {}, { barePath = path, target = ">= 0.90" } = {}) {
  const bare = { ...options, base: BARE };
  for (const [p, o] of [[FLOOR, {}], [barePath, bare], [path, options]]) await measure(p, { ...o, seconds: Math.min(2, SECONDS) }); // warm-up
  const floors = [];
  const bares = [];
  const runs = [];
  const loads = [];
  for (let round = 1; round <= ROUNDS; round++) {
    floors.push(await measure(FLOOR));
    bares.push(await measure(barePath, bare));
    runs.push(await measure(path, options));
    loads.push(load());
    const cpu = [floors, bares, runs].map((r) => r.at(-1).cpuUs.toFixed(0)).join("/");
    console.log(`  ${label} round ${round}: floor ${floors.at(-1).rps.toFixed(0)}, bare ${bares.at(-1).rps.toFixed(0)}, case ${runs.at(-1).rps.toFixed(0)} req/s (p99 ${runs.at(-1).p99} ms; CPU per request floor/bare/case ${cpu} us; load ${loads.at(-1).toFixed(1)})`);
  }
  const f = median(floors.map((r) => r.rps));
  const b = median(bares.map((r) => r.rps));
  const c = median(runs.map((r) => r.rps));
  const cpu = (rs) => median(rs.map((r) => r.cpuUs));
  const result = { label, kind: "limits", floor: f, bare: b, value: c, p99: median(runs.map((r) => r.p99)), ratio: c / f, toBare: c / b, cpuUs: cpu(runs), cpuToBare: cpu(bares) / cpu(runs), load: median(loads), target };
  results.push(result);
  return result;
}

/** A valid client under a flood of bad tokens from another address, against the same client
 * beside as many health checks from that address; interleaved rounds, ratio of the client's req/s. */
async function underFlood(label, secret) {
  const client = { secret, from: "198.51.100.10" };
  // The flood and the health checks it is compared with come at the same rate (FLOOD_RATE req/s):
  // a refused token must cost the others no more than any other request.
  const flood = { secrets: Array.from({ length: 10_000 }, (_, i) => secretFor(i, "flood")), from: "203.0.113.66", status: null, connections: CONNECTIONS / 2, rate: FLOOD_RATE };
  const beside = (other) => Promise.all([measure("/api/v1/me", client), other]).then(([c]) => c);
  await beside(measure("/api/v1/me", flood)); // warm-up; the flooding address is locked from here on
  const calm = [];
  const flooded = [];
  for (let round = 1; round <= ROUNDS; round++) {
    calm.push(await beside(measure("/api/health", { from: "203.0.113.67", connections: CONNECTIONS / 2, rate: FLOOD_RATE })));
    flooded.push(await beside(measure("/api/v1/me", flood)));
    console.log(`  ${label} round ${round}: beside health ${calm.at(-1).rps.toFixed(0)} req/s, beside the flood ${flooded.at(-1).rps.toFixed(0)} req/s`);
  }
  const h = median(calm.map((r) => r.rps));
  const c = median(flooded.map((r) => r.rps));
  results.push({ label, health: h, value: c, p99: median(flooded.map((r) => r.p99)), ratio: c / h, target: ">= 0.90" });
}

/** Interleaved rounds of two requests; ratio of mean latency (a over b). */
async function versus(label, a, b, target) {
  await measure(a.path, a.options);
  await measure(b.path, b.options);
  const as = [];
  const bs = [];
  for (let round = 1; round <= ROUNDS; round++) {
    bs.push(await measure(b.path, b.options));
    as.push(await measure(a.path, a.options));
    console.log(`  ${label} round ${round}: ${as.at(-1).mean.toFixed(1)} ms vs ${bs.at(-1).mean.toFixed(1)} ms mean (p99 ${as.at(-1).p99} vs ${bs.at(-1).p99})`);
  }
  const ma = median(as.map((r) => r.mean));
  const mb = median(bs.map((r) => r.mean));
  results.push({ label, health: mb, value: ma, p99: median(as.map((r) => r.p99)), ratio: ma / mb, target, unit: "ms" });
}

/** Rounds of verification rotating through the table; median p99. */
async function p99Of(label, secrets) {
  await measure("/api/v1/me", { secrets });
  const runs = [];
  for (let round = 1; round <= ROUNDS; round++) {
    await measure("/api/health"); // same rhythm as the other cases
    runs.push(await measure("/api/v1/me", { secrets }));
    console.log(`  ${label} round ${round}: ${runs.at(-1).rps.toFixed(0)} req/s, p99 ${runs.at(-1).p99} ms`);
  }
  return median(runs.map((r) => r.p99));
}

const range = (from, to) => Array.from({ length: to - from }, (_, k) => secretFor(from + k));

/** The console on the bench database; `ttl` is its token cache TTL (undefined: the default).
 * The first start goes through `npm start`'s script (migrations, the build when stale); every
 * later one runs the server bundle of that build directly, so a source edited meanwhile never
 * rebuilds mid-run: every case is measured on one build. With BENCH_PROFILE (a folder), those
 * later starts run under `node --cpu-prof` and write their profile there when they stop
 * (scripts/bench-profile.mjs reads it). */
function startServer(ttl) {
  const bundle = serverBundle({ NEXT_DIST_DIR: DIST_DIR });
  const args = !serverStarted ? [join(root, "scripts/start.mjs")] : PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE}`, bundle] : [bundle];
  serverStarted = true;
  return spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NEXT_DIST_DIR: DIST_DIR,
      PAT_BENCH_FLOOR: "1", // the bench's build has the floor route (next.config.ts)
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      AUTH_SECRET: "bench-secret-bench-secret-bench-secret-1",
      NEXTAUTH_URL: BASE,
      TRUST_PROXY: "1", // this script is the proxy: X-Forwarded-For names each request's client
      // One process, as the bare verifier is (PostgreSQL's default is a worker per core):
      // BENCH_WORKERS measures a cluster instead.
      WEB_CONCURRENCY: WORKERS,
      ...(ttl !== undefined ? { TOKEN_CACHE_TTL_SECONDS: ttl } : {}),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

let serverStarted = false;
let server = startServer(TTL);
// The machine's limit: same database, same per-request token work, plain node:http.
const bare = spawn(process.execPath, [join(root, "scripts/bench-bare.mjs"), String(PORT + 1), databaseUrl], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });

/** Stops the server and starts it again with another cache TTL (same database, same build). */
async function restartServer(ttl) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
  server = startServer(ttl);
  await waitFor(`${BASE}/api/health`);
  await measure("/api/health");
}

/** What a database does after a bulk load before it serves (autovacuum would, later). */
async function settle() {
  if (database.provider === "sqlite") {
    const sqlite = new Database(database.file, { timeout: 10_000 });
    sqlite.exec("ANALYZE");
    sqlite.close();
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`VACUUM ANALYZE "Token"`);
  await client.query("CHECKPOINT");
  await client.end();
}

try {
  await waitFor(`${BASE}/api/health`, 900_000); // the first start builds the app and creates the bench admin
  if ((await fetch(`${BASE}${FLOOR}`)).status !== 200) throw new Error(`${FLOOR} is missing from the build: remove .next-bench and run again (it is built with PAT_BENCH_FLOOR=1)`);
  await waitFor(`${BARE}/api/health`);
  if (PROFILE) await restartServer(TTL); // profiled from here on
  const secret = await mintBenchToken();
  await measure("/api/health");
  console.log(`Filling ${SMALL.toLocaleString()} tokens...`);
  await fillTo(SMALL);

  if (CASES.has("health")) await againstLimits("GET /api/health", "/api/health", {}, { target: "(reported)" });
  if (CASES.has("one")) await againstLimits("one token, over and over", "/api/v1/me", { secret });
  if (CASES.has("allowlist")) {
    // 100 entries (the most allowed), the caller's address (the TCP peer, 127.0.0.1) the last one.
    const allowedIps = [...Array.from({ length: 50 }, (_, k) => `10.${k}.0.0/16`), ...Array.from({ length: 49 }, (_, k) => `2001:db8:${k.toString(16)}::/48`), "127.0.0.1"];
    const guarded = await mintBenchToken({ allowedIps });
    await againstLimits("one token with a 100-entry IP allowlist, over and over", "/api/v1/me", { secret: guarded });
  }
  if (CASES.has("unknown")) {
    await againstLimits("unknown tokens (valid checksum), each new", "/api/v1/me", { secrets: Array.from({ length: 100_000 }, (_, i) => secretFor(i, "unknown")), status: 401, spread: true });
  }
  if (CASES.has("checksum")) await againstLimits("a bad checksum", "/api/v1/me", { secret: secretFor(0).slice(0, -1) + "x", status: 401, spread: true });
  if (CASES.has("introspect")) {
    // The caller is the bench admin's token; each request from a new address (the OAUTH limit
    // counts 300 a minute per address).
    const ask = (secrets) => ({ secret, secrets, form: true, spread: true });
    await againstLimits("introspection of a valid PAT", "/api/v1/oauth/introspect", ask([secretFor(0)]));
    await againstLimits("introspection of unknown PATs, each new", "/api/v1/oauth/introspect", ask(Array.from({ length: 100_000 }, (_, i) => secretFor(i, "introspect"))));
    await againstLimits("introspection of a revoked PAT", "/api/v1/oauth/introspect", ask([await revokedToken()]));
  }
  if (CASES.has("cacheoff")) {
    await restartServer("0");
    await againstLimits("cache off: one token, over and over", "/api/v1/me", { secret });
    await againstLimits(`cache off: ${SMALL.toLocaleString()} tokens in rotation`, "/api/v1/me", { secrets: range(0, SMALL) });
    await restartServer(TTL);
  }
  if (CASES.has("flood")) await underFlood("a valid token while another address floods bad tokens (vs beside health checks at the same rate)", secret);
  // The database's share of verification at 1,000 and at 1,000,000 rows: the cache is off
  // (a server with TTL 0) so that every call is one lookup, and the same number of distinct
  // tokens (SMALL) is in use at both sizes, spread over the whole table at the larger one, so
  // that the last-used writes are the same too: the table's size is the only difference.
  let small;
  if (CASES.has("million")) {
    await restartServer("0");
    small = await p99Of(`cache off: p99 rotating ${SMALL.toLocaleString()} tokens of ${SMALL.toLocaleString()}`, range(0, SMALL));
    await restartServer(TTL);
  }
  if (CASES.has("many")) {
    for (const n of MANY) {
      await fillTo(n);
      await againstLimits(`${n.toLocaleString()} tokens in rotation`, "/api/v1/me", { secrets: range(0, n) });
    }
  }
  if (CASES.has("million")) {
    console.log(`Filling ${MILLION.toLocaleString()} tokens...`);
    await fillTo(MILLION, [EMPTY_INDEX]);
    await settle();
    await restartServer("0");
    const step = Math.floor((MILLION - LISTED) / SMALL);
    const spread = Array.from({ length: SMALL }, (_, k) => secretFor(k * step));
    const big = await p99Of(`cache off: p99 rotating ${SMALL.toLocaleString()} tokens of ${MILLION.toLocaleString()}`, spread);
    results.push({ label: `verification p99 (cache off), ${MILLION.toLocaleString()} vs ${SMALL.toLocaleString()} tokens in the table`, health: small, value: big, p99: big, ratio: big / small, target: "<= 1.20", unit: "ms" });
    await restartServer(TTL);
    const lister = secretFor(MILLION - 1);
    const empty = secretFor(EMPTY_INDEX);
    const list = (q, s) => ({ path: `/api/v1/tokens${q}`, options: { secret: s } });
    await versus(`first page, ${LISTED.toLocaleString()} tokens vs an empty page`, list("", lister), list("?status=revoked", empty), "<= 2.00");
    await versus(`admins' all-users view (${MILLION.toLocaleString()}) vs an empty page`, list("?all=true", secret), list("?status=revoked", empty), "<= 2.00");
  }

  console.log(`\n${database.provider}, ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS}s rounds, ${WORKERS} server process(es), cache TTL ${TTL ?? "default (5)"} s, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
  const limits = results.filter((r) => r.kind === "limits");
  if (limits.length) {
    console.log("\n| case | req/s | Next floor | bare limit | x floor | x bare | p99 | CPU us/req | x bare (CPU) | target (x floor) | load |");
    console.log("|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of limits) {
      console.log(`| ${r.label} | ${r.value.toFixed(0)} | ${r.floor.toFixed(0)} | ${r.bare.toFixed(0)} | **${r.ratio.toFixed(2)}** | ${r.toBare.toFixed(3)} | ${r.p99} ms | ${r.cpuUs.toFixed(0)} | ${r.cpuToBare.toFixed(3)} | ${r.target} | ${r.load.toFixed(1)} |`);
    }
  }
  const others = results.filter((r) => r.kind !== "limits");
  if (others.length) {
    console.log("\n| case | baseline | case | ratio | target |");
    console.log("|---|---|---|---|---|");
    for (const r of others) {
      const fmt = (v) => (r.unit === "ms" ? `${v.toFixed(1)} ms` : `${v.toFixed(0)} req/s`);
      console.log(`| ${r.label} | ${fmt(r.health)} | ${fmt(r.value)} | **${r.ratio.toFixed(2)}** | ${r.target} |`);
    }
  }
} finally {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  bare.kill("SIGTERM");
  await exited; // a profile is written as the server stops
  if (PROFILE) console.log(`\nCPU profiles in ${PROFILE} (one per server start): node scripts/bench-profile.mjs <file>`);
}

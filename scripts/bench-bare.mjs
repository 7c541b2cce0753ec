// The machine's limit for `npm run bench` (scripts/bench.mjs starts it): a plain node:http server
// on the bench's own database doing the per-request work of GET /api/v1/me and of a PAT's
// introspection, and nothing else: read the Bearer credential, check the secret's shape and CRC32
// checksum, SHA-256 it, one indexed lookup of the token joined to its owner (a prepared
// better-sqlite3 statement, or a named pg statement on a pool of 10 like the console's), the
// status checks (revoked, expired, owner disabled), a JSON answer; and GET /api/health's SELECT 1. No cache, no logs, no metrics,
// no rate limits, no framework: a measuring stick, not product code.
//
//   node scripts/bench-bare.mjs <port> <DATABASE_URL>
import { createServer } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { resolveDatabase } from "../lib/database-url.mjs";
import { CHECKSUM_LENGTH, RANDOM_LENGTH, checksum, hashSecret } from "../lib/tokens/secret-format.mjs";

const [port, url] = process.argv.slice(2);
const database = resolveDatabase(url);
const SHAPE = new RegExp(`^([a-z][a-z0-9]{1,9}_[0-9A-Za-z]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);
const COLUMNS = (time) => `t."id", t."userId", ${time('t."expiresAt"')} AS "expiresAt", t."revokedAt" IS NOT NULL AS "revoked",
  u."email", u."name", u."kind", u."roles", u."disabled"`;
const SQL = (time, param) => `SELECT ${COLUMNS(time)} FROM "Token" t JOIN "User" u ON u."id" = t."userId" WHERE t."secretHash" = ${param}`;

/** hash -> row | undefined; ping: the health check's SELECT 1. */
let lookup;
let ping;
if (database.provider === "sqlite") {
  const sqlite = new Database(database.file, { timeout: 1000 });
  const statement = sqlite.prepare(SQL((c) => c, "?"));
  const one = sqlite.prepare("SELECT 1");
  lookup = async (hash) => statement.get(hash);
  ping = async () => one.get();
} else {
  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const text = SQL((c) => `(extract(epoch from ${c}) * 1000)::float8`, "$1");
  lookup = async (hash) => (await pool.query({ name: "bare_principal", text, values: [hash] })).rows[0];
  ping = () => pool.query("SELECT 1");
}

/** The owner of a usable token, or null (malformed, unknown, revoked, expired, owner disabled). */
async function principal(secret) {
  const match = SHAPE.exec(secret ?? "");
  if (!match || checksum(match[1]) !== match[2]) return null;
  const row = await lookup(hashSecret(secret));
  if (!row || row.revoked || row.disabled) return null;
  if (row.expiresAt !== null && new Date(typeof row.expiresAt === "string" ? row.expiresAt : Number(row.expiresAt)).getTime() <= Date.now()) return null;
  return row;
}

const bearer = (req) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];

function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), "cache-control": "no-store" }).end(json);
}
const refused = (res) => send(res, 401, { error: { code: "invalid_token", message: "The token is not valid" } });

async function me(req, res) {
  const row = await principal(bearer(req));
  if (!row) return refused(res);
  send(res, 200, { id: row.userId, email: row.email, name: row.name, kind: row.kind, roles: row.roles.split(",") });
}

async function introspect(req, res) {
  const caller = await principal(bearer(req));
  let body = "";
  for await (const chunk of req) body += chunk;
  if (!caller) return refused(res);
  const token = new URLSearchParams(body).get("token");
  const row = await principal(token);
  send(res, 200, row ? { active: true, sub: row.userId, username: row.email, token_id: row.id } : { active: false });
}

const health = (req, res) => ping().then(() => send(res, 200, { status: "ok" }));

const ROUTES = { "GET /api/v1/me": me, "POST /api/v1/oauth/introspect": introspect, "GET /api/health": health };

createServer((req, res) => {
  const answer = ROUTES[`${req.method} ${req.url.split("?")[0]}`]?.(req, res);
  if (!answer) return send(res, 404, { error: { code: "not_found", message: "Not found" } });
  answer.catch((error) => send(res, 500, { error: { code: "internal", message: error.message } }));
}).listen(Number(port), "127.0.0.1", () => console.log(`bare verifier on ${port} (${database.provider})`));

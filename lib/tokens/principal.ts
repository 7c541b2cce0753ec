// The miss path of verification: what a secret hash resolves to, read with one prepared
// statement on the driver under Prisma (lib/db.ts `driver`), not through Prisma, whose
// per-query cost is larger than the rest of a request. One statement answers both questions a
// hash can have: is it a token's current secret (indexed lookup on Token.secretHash), or a
// replaced one (primary key of ReplacedSecret, with its graceUntil)? Each side is joined to the
// token and owner by primary key; UNION ALL keeps it one round trip for an unknown hash too.
// A second statement, for the scopes, runs only for scoped tokens. Column lists are spelled out
// so that the statements keep working when columns are added.
import { driver, type Driver } from "@/lib/db";
import type { Scope } from "@/lib/permissions/check";
import { parseRoles } from "@/lib/permissions/roles";
import type { CachedPrincipal } from "./cache";
import { compileAllowlist } from "./ip-allowlist";

type Dialect = { param: string; time: (column: string) => string; noTime: string; false: string };
// SQLite holds Prisma's DateTime as text or epoch ms (toDate reads both). TIMESTAMP(3) on
// PostgreSQL has no zone: read it as epoch milliseconds so that the process time zone can't shift it.
const SQLITE: Dialect = { param: "?", time: (c) => c, noTime: "NULL", false: "0" };
const POSTGRES: Dialect = { param: "$1", time: (c) => `(extract(epoch from ${c}) * 1000)::float8`, noTime: "NULL::float8", false: "false" };

const COLUMNS = (d: Dialect, graceUntil: string) => `t."id", t."userId", ${d.time(`t."expiresAt"`)} AS "expiresAt", t."revokedAt" IS NOT NULL AS "revoked", t."allPermissions", t."allowedIps",
  u."email", u."name", u."kind", u."roles", u."disabled", u."scimUserKey" IS NOT NULL AS "provisioned",
  u."kind" = 'sso' AND COALESCE((SELECT s."allowSsoPatCreation" AND s."ssoPatsNeedDirectory" FROM "Settings" s WHERE s."id" = 1), ${d.false}) AS "needsDirectory",
  ${graceUntil} AS "graceUntil"`;
const PRINCIPAL_SQL = (d: Dialect) => `SELECT ${COLUMNS(d, d.noTime)}
  FROM "Token" t JOIN "User" u ON u."id" = t."userId" WHERE t."secretHash" = ${d.param}
  UNION ALL
  SELECT ${COLUMNS(d, d.time(`r."graceUntil"`))}
  FROM "ReplacedSecret" r JOIN "Token" t ON t."id" = r."tokenId" JOIN "User" u ON u."id" = t."userId" WHERE r."secretHash" = ${d.param}`;
const SCOPES_SQL = (param: string) => `SELECT "entity", "operation", "entityId" FROM "TokenScope" WHERE "tokenId" = ${param}`;

type Row = {
  id: string;
  userId: string;
  expiresAt: string | number | Date | null;
  revoked: boolean | number;
  allPermissions: boolean | number;
  allowedIps: string | null;
  email: string;
  name: string;
  kind: string;
  roles: string;
  disabled: boolean | number;
  provisioned: boolean | number;
  needsDirectory: boolean | number | null;
  graceUntil: string | number | Date | null;
};

/** SQLite holds Prisma's DateTime as ISO text (or epoch ms); PostgreSQL's is read as epoch ms below. */
const toDate = (value: Row["expiresAt"] | Row["graceUntil"]) => (value === null ? null : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value));

function toPrincipal(row: Row, scopes: Scope[]): CachedPrincipal {
  return {
    tokenId: row.id,
    userId: row.userId,
    expiresAt: toDate(row.expiresAt),
    revoked: Boolean(row.revoked),
    allPermissions: Boolean(row.allPermissions),
    scopes,
    // Parsed here, once per cache fill, never per request.
    allowlist: compileAllowlist(row.allowedIps),
    user: { id: row.userId, email: row.email, name: row.name, kind: row.kind, roles: parseRoles(row.roles), disabled: Boolean(row.disabled), provisioned: Boolean(row.provisioned), needsDirectory: Boolean(row.needsDirectory) },
    graceUntil: toDate(row.graceUntil),
  };
}

export type PrincipalReader = (hash: string) => Promise<CachedPrincipal | null>;

function sqliteReader(open: () => import("better-sqlite3").Database): PrincipalReader {
  let statements: { principal: import("better-sqlite3").Statement; scopes: import("better-sqlite3").Statement } | undefined;
  return async (hash) => {
    statements ??= { principal: open().prepare(PRINCIPAL_SQL(SQLITE)), scopes: open().prepare(SCOPES_SQL("?")) };
    const row = statements.principal.get(hash, hash) as Row | undefined;
    if (!row) return null;
    return toPrincipal(row, row.allPermissions ? [] : (statements.scopes.all(row.id) as Scope[]));
  };
}

function postgresReader(pool: import("pg").Pool): PrincipalReader {
  // Named statements are parsed once per connection.
  const principal = { name: "pat_principal", text: PRINCIPAL_SQL(POSTGRES) };
  const scopes = { name: "pat_principal_scopes", text: SCOPES_SQL("$1") };
  return async (hash) => {
    const { rows } = await pool.query<Row>({ ...principal, values: [hash] });
    const row = rows[0];
    if (!row) return null;
    return toPrincipal(row, row.allPermissions ? [] : (await pool.query<Scope>({ ...scopes, values: [row.id] })).rows);
  };
}

export function principalReader(on: Driver = driver): PrincipalReader {
  return on.provider === "sqlite" ? sqliteReader(on.sqlite) : postgresReader(on.pool);
}

// PostgreSQL's side of TokenSql (index.ts): the principal lookup as named statements on the
// process's one pool (the pool Prisma's adapter uses), the writes' statements (their batch read
// from one JSON parameter by json_to_recordset), and the cache-sync channel: NOTIFY on the pool,
// LISTEN on a connection of its own (a pooled one can't keep a LISTEN).
import pg from "pg";
import type { Scope } from "@/lib/permissions/check";
import { PRINCIPAL_SQL, SCOPES_SQL, toPrincipal, type Dialect, type PrincipalRow } from "./principal";
import { lastUseWriter, usageWriter, type WriteStatements } from "./writes";
import type { TokenSql } from "./interface";

/** The channel of the token cache's invalidations (service/cache-sync.ts). */
export const CHANNEL = "pat_token_cache";

// TIMESTAMP(3) has no zone: read as epoch milliseconds so that the process time zone can't shift it.
const DIALECT: Dialect = { param: "$1", time: (c) => `(extract(epoch from ${c}) * 1000)::float8`, noTime: "NULL::float8" };

const STATEMENTS: WriteStatements = {
  stamp: (d) => d.toISOString(),
  lastUse: `UPDATE "Token" t SET "lastUsedAt" = u."at", "lastUsedIp" = u."ip"
    FROM json_to_recordset($1::json) AS u("id" text, "at" timestamp(3), "ip" text, "before" timestamp(3))
    WHERE t."id" = u."id" AND (t."lastUsedAt" IS NULL OR t."lastUsedAt" <= u."before")`,
  days: `INSERT INTO "TokenUsageDay" ("tokenId", "day", "calls", "refusedExpired", "refusedRevoked", "refusedIp", "refusedScope")
    SELECT u."tokenId", u."day", u."calls", u."refusedExpired", u."refusedRevoked", u."refusedIp", u."refusedScope"
    FROM json_to_recordset($1::json) AS u("tokenId" text, "day" text, "calls" int, "refusedExpired" int, "refusedRevoked" int, "refusedIp" int, "refusedScope" int)
    JOIN "Token" t ON t."id" = u."tokenId"`,
  addresses: `INSERT INTO "TokenAddress" ("tokenId", "ip", "firstSeenAt", "lastSeenAt", "calls")
    SELECT u."tokenId", u."ip", u."firstSeenAt", u."lastSeenAt", u."calls"
    FROM json_to_recordset($1::json) AS u("tokenId" text, "ip" text, "firstSeenAt" timestamp(3), "lastSeenAt" timestamp(3), "calls" int)
    JOIN "Token" t ON t."id" = u."tokenId"
    ON CONFLICT ("tokenId", "ip") DO UPDATE SET "calls" = "TokenAddress"."calls" + excluded."calls",
    "firstSeenAt" = LEAST("TokenAddress"."firstSeenAt", excluded."firstSeenAt"), "lastSeenAt" = GREATEST("TokenAddress"."lastSeenAt", excluded."lastSeenAt")`,
  ids: "SELECT json_array_elements_text($1::json)",
};

export function postgresSql(pool: pg.Pool): TokenSql {
  // Named statements are parsed once per connection.
  const principal = { name: "pat_principal", text: PRINCIPAL_SQL(DIALECT) };
  const scopes = { name: "pat_principal_scopes", text: SCOPES_SQL(DIALECT) };
  return {
    async readPrincipal(hash) {
      const { rows } = await pool.query<PrincipalRow>({ ...principal, values: [hash] });
      const row = rows[0];
      if (!row) return null;
      return toPrincipal(row, row.allPermissions ? [] : (await pool.query<Scope>({ ...scopes, values: [row.id] })).rows);
    },
    writeUses: lastUseWriter(STATEMENTS),
    writeUsage: usageWriter(STATEMENTS),
    notify: async (message) => void (await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, message])),
  };
}

export type Listener = { pid: number; end: () => Promise<void> };
export type ListenOptions = { applicationName: string; onMessage: (payload: string) => void; onLost: (why: string) => void };

/** A connection of its own that LISTENs on CHANNEL. `onLost` is called once, when it fails or
 * ends after it was up (not after `end()`); a connection that fails to come up throws instead. */
export async function listen(connectionString: string, { applicationName, onMessage, onLost }: ListenOptions): Promise<Listener> {
  const client = new pg.Client({ connectionString, application_name: applicationName });
  let up = false;
  const lost = (why: string) => {
    if (!up) return; // "error" and "end" both come; and none after end()
    up = false;
    client.end().catch(() => undefined);
    onLost(why);
  };
  client.on("notification", (n) => n.channel === CHANNEL && n.payload && onMessage(n.payload));
  client.on("error", (error) => lost(error.message));
  client.on("end", () => lost("connection ended"));
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    up = true;
    return { pid: rows[0].pid, end: () => ((up = false), client.end().catch(() => undefined)) };
  } catch (error) {
    client.end().catch(() => undefined);
    throw error;
  }
}

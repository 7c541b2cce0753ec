// How usage counts reach the database: one statement per engine for the days, one for the
// addresses, one trim, each an INSERT ... ON CONFLICT DO UPDATE of increments, so several
// instances add up (the rules are in usage.ts, which calls this once per interval).
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";

/** Addresses kept per token (the most recently seen). */
export const KEEP_ADDRESSES = 5;

/** What one token adds in one write. */
export type TokenUsage = {
  tokenId: string;
  days: { day: string; calls: number; refusedExpired: number; refusedRevoked: number; refusedIp: number; refusedScope: number }[];
  addresses: { ip: string; firstSeenAt: Date; lastSeenAt: Date; calls: number }[];
};
export type WriteUsage = (batch: TokenUsage[]) => Promise<void>;

const sqlite = () => loadEnv().database.provider === "sqlite";
/** Prisma keeps SQLite DateTimes as ISO text with "+00:00"; the same form compares as text. */
const stamp = (d: Date) => (sqlite() ? d.toISOString().replace("Z", "+00:00") : d.toISOString());

const DAYS_SQLITE = `INSERT INTO "TokenUsageDay" ("tokenId", "day", "calls", "refusedExpired", "refusedRevoked", "refusedIp", "refusedScope")
  SELECT u."tokenId", u."day", u."calls", u."refusedExpired", u."refusedRevoked", u."refusedIp", u."refusedScope"
  FROM (SELECT json_extract(value, '$.tokenId') AS "tokenId", json_extract(value, '$.day') AS "day", json_extract(value, '$.calls') AS "calls",
        json_extract(value, '$.refusedExpired') AS "refusedExpired", json_extract(value, '$.refusedRevoked') AS "refusedRevoked",
        json_extract(value, '$.refusedIp') AS "refusedIp", json_extract(value, '$.refusedScope') AS "refusedScope" FROM json_each(?)) AS u
  JOIN "Token" t ON t."id" = u."tokenId" WHERE true`;
const DAYS_POSTGRES = `INSERT INTO "TokenUsageDay" ("tokenId", "day", "calls", "refusedExpired", "refusedRevoked", "refusedIp", "refusedScope")
  SELECT u."tokenId", u."day", u."calls", u."refusedExpired", u."refusedRevoked", u."refusedIp", u."refusedScope"
  FROM json_to_recordset($1::json) AS u("tokenId" text, "day" text, "calls" int, "refusedExpired" int, "refusedRevoked" int, "refusedIp" int, "refusedScope" int)
  JOIN "Token" t ON t."id" = u."tokenId"`;
const DAYS_CONFLICT = ` ON CONFLICT ("tokenId", "day") DO UPDATE SET "calls" = "TokenUsageDay"."calls" + excluded."calls",
  "refusedExpired" = "TokenUsageDay"."refusedExpired" + excluded."refusedExpired", "refusedRevoked" = "TokenUsageDay"."refusedRevoked" + excluded."refusedRevoked",
  "refusedIp" = "TokenUsageDay"."refusedIp" + excluded."refusedIp", "refusedScope" = "TokenUsageDay"."refusedScope" + excluded."refusedScope"`;

const ADDRESSES_SQLITE = `INSERT INTO "TokenAddress" ("tokenId", "ip", "firstSeenAt", "lastSeenAt", "calls")
  SELECT u."tokenId", u."ip", u."firstSeenAt", u."lastSeenAt", u."calls"
  FROM (SELECT json_extract(value, '$.tokenId') AS "tokenId", json_extract(value, '$.ip') AS "ip", json_extract(value, '$.firstSeenAt') AS "firstSeenAt",
        json_extract(value, '$.lastSeenAt') AS "lastSeenAt", json_extract(value, '$.calls') AS "calls" FROM json_each(?)) AS u
  JOIN "Token" t ON t."id" = u."tokenId" WHERE true
  ON CONFLICT ("tokenId", "ip") DO UPDATE SET "calls" = "TokenAddress"."calls" + excluded."calls",
  "firstSeenAt" = min("TokenAddress"."firstSeenAt", excluded."firstSeenAt"), "lastSeenAt" = max("TokenAddress"."lastSeenAt", excluded."lastSeenAt")`;
const ADDRESSES_POSTGRES = `INSERT INTO "TokenAddress" ("tokenId", "ip", "firstSeenAt", "lastSeenAt", "calls")
  SELECT u."tokenId", u."ip", u."firstSeenAt", u."lastSeenAt", u."calls"
  FROM json_to_recordset($1::json) AS u("tokenId" text, "ip" text, "firstSeenAt" timestamp(3), "lastSeenAt" timestamp(3), "calls" int)
  JOIN "Token" t ON t."id" = u."tokenId"
  ON CONFLICT ("tokenId", "ip") DO UPDATE SET "calls" = "TokenAddress"."calls" + excluded."calls",
  "firstSeenAt" = LEAST("TokenAddress"."firstSeenAt", excluded."firstSeenAt"), "lastSeenAt" = GREATEST("TokenAddress"."lastSeenAt", excluded."lastSeenAt")`;

/** Keeps the KEEP_ADDRESSES most recently seen addresses of the tokens just written. */
const TRIM_ADDRESSES = (ids: string) => `DELETE FROM "TokenAddress" WHERE ("tokenId", "ip") IN (
  SELECT "tokenId", "ip" FROM (SELECT "tokenId", "ip", ROW_NUMBER() OVER (PARTITION BY "tokenId" ORDER BY "lastSeenAt" DESC, "ip" DESC) AS n
    FROM "TokenAddress" WHERE "tokenId" IN (${ids})) AS ranked WHERE n > ${KEEP_ADDRESSES})`;

/** One statement, retried once: a token deleted between the join and the insert fails it (the
 * foreign key), and the retry's join then skips that token. Each statement is atomic, so a
 * retry never adds a count twice. */
async function execute(sql: string, json: string) {
  try {
    await db.$executeRawUnsafe(sql, json);
  } catch {
    await db.$executeRawUnsafe(sql, json);
  }
}

/** The batch as at most three statements: days, addresses, and the trim of addresses. */
export const writeUsage: WriteUsage = async (batch) => {
  const lite = sqlite();
  const days = batch.flatMap((u) => u.days.map((d) => ({ tokenId: u.tokenId, ...d })));
  const addresses = batch.flatMap((u) =>
    u.addresses.map((a) => ({ tokenId: u.tokenId, ip: a.ip, firstSeenAt: stamp(a.firstSeenAt), lastSeenAt: stamp(a.lastSeenAt), calls: a.calls })),
  );
  if (days.length) await execute((lite ? DAYS_SQLITE : DAYS_POSTGRES) + DAYS_CONFLICT, JSON.stringify(days));
  if (addresses.length) {
    await execute(lite ? ADDRESSES_SQLITE : ADDRESSES_POSTGRES, JSON.stringify(addresses));
    const ids = [...new Set(addresses.map((a) => a.tokenId))];
    await execute(TRIM_ADDRESSES(lite ? "SELECT value FROM json_each(?)" : "SELECT json_array_elements_text($1::json)"), JSON.stringify(ids));
  }
};

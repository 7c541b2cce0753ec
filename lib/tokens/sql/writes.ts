// The batched writes both engines share (each gives its statements: sqlite.ts, postgres.ts):
// a batch is one JSON parameter, read as rows by the statement, so a batch costs one statement
// whatever its size. They go through Prisma's raw queries, on its own connection.
// - Last use: one UPDATE that changes only rows last written at least LAST_USED_INTERVAL_MS
//   before, so a second instance's write for the same minute is a no-op.
// - Usage: the days and the addresses are each an INSERT ... ON CONFLICT DO UPDATE of
//   increments (several instances add up), then the addresses past KEEP_ADDRESSES are trimmed.
import { db } from "@/lib/db";
import { LAST_USED_INTERVAL_MS, type WriteUses } from "../last-used";
import { KEEP_ADDRESSES } from "../limits";
import type { WriteUsage } from "../usage-recorder";

export type WriteStatements = {
  /** A DateTime parameter as the engine compares it with a stored one. */
  stamp: (d: Date) => string;
  lastUse: string;
  /** The INSERT of days, before the shared ON CONFLICT clause. */
  days: string;
  addresses: string;
  /** The token ids of a JSON array parameter, as a subquery. */
  ids: string;
};

const DAYS_CONFLICT = ` ON CONFLICT ("tokenId", "day") DO UPDATE SET "calls" = "TokenUsageDay"."calls" + excluded."calls",
  "refusedExpired" = "TokenUsageDay"."refusedExpired" + excluded."refusedExpired", "refusedRevoked" = "TokenUsageDay"."refusedRevoked" + excluded."refusedRevoked",
  "refusedIp" = "TokenUsageDay"."refusedIp" + excluded."refusedIp", "refusedScope" = "TokenUsageDay"."refusedScope" + excluded."refusedScope"`;

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

export function lastUseWriter({ stamp, lastUse }: WriteStatements): WriteUses {
  return async (uses) => {
    const rows = uses.map((u) => ({ id: u.tokenId, at: stamp(u.at), ip: u.ip, before: stamp(new Date(u.at.getTime() - LAST_USED_INTERVAL_MS)) }));
    return db.$executeRawUnsafe(lastUse, JSON.stringify(rows));
  };
}

/** The batch as at most three statements: days, addresses, and the trim of addresses. */
export function usageWriter({ stamp, days: insertDays, addresses: insertAddresses, ids }: WriteStatements): WriteUsage {
  return async (batch) => {
    const days = batch.flatMap((u) => u.days.map((d) => ({ tokenId: u.tokenId, ...d })));
    const addresses = batch.flatMap((u) =>
      u.addresses.map((a) => ({ tokenId: u.tokenId, ip: a.ip, firstSeenAt: stamp(a.firstSeenAt), lastSeenAt: stamp(a.lastSeenAt), calls: a.calls })),
    );
    if (days.length) await execute(insertDays + DAYS_CONFLICT, JSON.stringify(days));
    if (addresses.length) {
      await execute(insertAddresses, JSON.stringify(addresses));
      await execute(TRIM_ADDRESSES(ids), JSON.stringify([...new Set(addresses.map((a) => a.tokenId))]));
    }
  };
}

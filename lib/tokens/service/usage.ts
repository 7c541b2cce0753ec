// Usage history of tokens: the process's one recorder (../usage-recorder.ts, where the rules
// are), what the request path calls, and the prune the lifecycle job runs. The SQL is ../sql.
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { onShutdown } from "@/lib/shutdown";
import { tokenSql } from "../sql";
import { RETENTION_DAYS, UsageRecorder, utcDay, type RefusalKind } from "../usage-recorder";
import type { InvalidTokenReason } from "./verify";

export { MAX_PENDING_ADDRESSES, MAX_PENDING_TOKENS, RETENTION_DAYS, UsageRecorder, utcDay, type RefusalKind, type TokenUsage, type WriteUsage } from "../usage-recorder";

const DAY_MS = 86_400_000;

const globalForUsage = globalThis as unknown as { patUsage?: UsageRecorder };
export const usage = (globalForUsage.patUsage ??= new UsageRecorder((batch) => tokenSql().writeUsage(batch), () => loadEnv().usageFlushMs));

export const recordCall = (tokenId: string, ip: string | null) => usage.call(tokenId, ip);
export const recordRefusal = (tokenId: string, kind: RefusalKind) => usage.refuse(tokenId, kind);

/** A refused known token (checkToken's tokenId): expired and revoked are counted. */
export function recordCheckRefusal(check: { status: InvalidTokenReason | "valid"; tokenId?: string }) {
  if (check.tokenId && (check.status === "expired" || check.status === "revoked")) usage.refuse(check.tokenId, check.status);
}

/** For tests and shutdown: write what is counted and wait for it. */
export const flushUsage = () => usage.flush();

// At shutdown (server/main.ts), after the last request: the day's counts are not lost.
onShutdown("usage", flushUsage);

/** Drops days older than RETENTION_DAYS (today included); the number of rows deleted. */
export async function pruneUsage(now = new Date()): Promise<number> {
  const oldest = utcDay(now.getTime() - (RETENTION_DAYS - 1) * DAY_MS);
  const { count } = await db.tokenUsageDay.deleteMany({ where: { day: { lt: oldest } } });
  return count;
}

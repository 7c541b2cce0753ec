// The rate limits' PostgreSQL store: rate-limiter-flexible's table (created by a migration:
// prisma/schema.prisma, model RateLimit) on the process's one pool (lib/db-pool.ts, shared with
// Prisma), which is ended at shutdown, not by the limits' close(). lib/rate-limit.ts picks the store.
import type { Pool } from "pg";
import { RateLimiterPostgres, type RateLimiterAbstract, type RateLimiterMemory } from "rate-limiter-flexible";
import { sharedPool } from "@/lib/db-pool";

export type PostgresStore = { kind: "postgres"; pool: Pool; ready: Promise<void> };

const TABLE = "rate_limits";

export function postgresStore(url: string): PostgresStore {
  return { kind: "postgres", pool: sharedPool(url), ready: Promise.resolve() };
}

type Options = { keyPrefix: string; points: number; duration: number; blockDuration: number };

/** A limiter counting in the table; `first`: the one that clears expired rows (one per table is enough). */
export function postgresLimiter(store: PostgresStore, options: Options, first: boolean, insuranceLimiter: RateLimiterMemory): RateLimiterAbstract {
  return new RateLimiterPostgres({ ...options, storeClient: store.pool, tableName: TABLE, tableCreated: true, clearExpiredByTimeout: first, insuranceLimiter });
}

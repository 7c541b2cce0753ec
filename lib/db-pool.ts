// The process's one PostgreSQL pool per database URL: Prisma's adapter (lib/db.ts) and the rate
// limiter's store (lib/rate-limit/sql.ts) share it, so a process holds one set of connections. It is
// ended once, at shutdown (lib/bootstrap.ts). On globalThis: instrumentation and route handlers
// are separate bundles in one process.
import pg from "pg";
import { logger } from "./observability/logger";

const POOL_SIZE = 10;
const globalForPools = globalThis as unknown as { patPgPools?: Map<string, pg.Pool> };
const pools: Map<string, pg.Pool> = (globalForPools.patPgPools ??= new Map());

/** The pool for `url`, opened on first use. */
export function sharedPool(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
    pool.on("error", (error) => logger().error(`PostgreSQL pool: ${error.message}`));
    pools.set(url, pool);
  }
  return pool;
}

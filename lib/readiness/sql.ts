// The database check of liveness (GET /api/health) and readiness (lib/readiness/service.ts):
// SELECT 1 on the driver under Prisma (lib/db.ts `driver`: the pg Pool Prisma's adapter uses, or
// the hot path's better-sqlite3 connection to the same file), not through Prisma, whose query
// compiler and adapter cost more per call than the rest of a health check. Throws when the
// database does not answer.
import { driver } from "@/lib/db";

export async function pingDatabase(): Promise<void> {
  if (driver.provider === "sqlite") driver.sqlite().prepare("SELECT 1").get();
  else await driver.pool.query("SELECT 1");
}

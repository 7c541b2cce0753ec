// Runs once when the server starts (instrumentation.ts): checks the settings and creates the
// first admin when there is no user at all.
// The composition root: it starts and stops the process's parts, the database connection
// included (the one lib file besides services allowed to hold it: .dependency-cruiser.cjs).
import { db, driver } from "@/lib/db";
import { getPublicOrigin, loadEnv, publishPublicOriginForNextAuth } from "@/lib/env";
import { ensureFirstAdmin } from "@/lib/users/service";
import { logger } from "@/lib/observability/logger";

export { ensureFirstAdmin };

/** Settings first: a bad one stops the server with a clear message. */
export async function onServerStart() {
  try {
    loadEnv();
    publishPublicOriginForNextAuth();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (!loadEnv().publicUrl) console.log(`Public URL: ${getPublicOrigin()} (from data/public-url; set NEXTAUTH_URL to change it)`);
  await ensureFirstAdmin();
  const { database } = loadEnv();
  const [{ onShutdown }, { registerReadinessCheck }] = await Promise.all([import("@/lib/shutdown"), import("@/lib/readiness/service")]);
  if (database.provider === "postgresql") {
    const [{ startCacheSync }, { tokenCache }] = await Promise.all([import("@/lib/tokens/service/cache-sync"), import("@/lib/tokens/cache")]);
    // Keeps trying to connect when it can't at start; not ready until it is up (GET /api/ready):
    // this instance would lag the others by the TTL.
    const sync = await startCacheSync(tokenCache, database.url);
    registerReadinessCheck("cacheSync", () => sync.connected());
    onShutdown("cache-sync", sync.stop, { phase: "close" });
  }
  // One of several workers (WEB_CONCURRENCY, server/cluster.ts): the others drop what this one
  // drops, through the primary, before the change answers.
  const { inClusterWorker, startWorkerSync } = await import("@/lib/tokens/service/worker-sync");
  if (inClusterWorker()) {
    const { tokenCache } = await import("@/lib/tokens/cache");
    const workers = startWorkerSync(tokenCache);
    onShutdown("worker-sync", async () => workers.stop(), { phase: "close" });
  }
  // Last at shutdown, after every flusher wrote what it held (lib/shutdown).
  onShutdown("database", async () => {
    await db.$disconnect();
    if (driver.provider === "postgresql") await driver.pool.end();
  }, { phase: "close" });
  // One worker of several runs it (server/cluster.ts): on SQLite nothing else keeps two runs apart.
  if (!loadEnv().runsJobs) return;
  const { startLifecycleJob } = await import("@/lib/lifecycle/service/job");
  startLifecycleJob();
}

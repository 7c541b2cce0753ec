// The token lifecycle job, run inside the app on a timer (instrumentation.ts -> bootstrap):
// queue expiry notices, apply the unused-token policy, expire tokens left unapproved, deliver due
// mail, drop usage days past 90. One instance at a
// time: on PostgreSQL a session advisory lock (lib/lifecycle/sql.ts; another instance holding it
// skips its run); on SQLite the app is a single process, and a flag keeps two runs of this process apart. Every
// step is idempotent (claims in the Notice table, revokes that only touch active tokens), so a
// run that dies half way is finished by the next one.
import { loadEnv } from "@/lib/env";
import { deliverDueNotices } from "@/lib/notices/service/queue";
import { logger } from "@/lib/observability/logger";
import { pruneUsage } from "@/lib/tokens/service/usage";
import { withJobLock } from "../sql";
import { queueExpiryNotices } from "./expiry-notices";
import { applyUnusedPolicy } from "./unused-policy";
import { expireUnapproved } from "./approval-expiry";

export { JOB_LOCK_KEY } from "../sql";

export type JobResult = { expiryQueued: number; warned: number; revoked: number; approvalsExpired: number; sent: number; usageDaysPruned: number };

let running = false;

async function steps(now: Date): Promise<JobResult> {
  const expiryQueued = await queueExpiryNotices(now);
  const { warned, revoked } = await applyUnusedPolicy(now);
  const approvalsExpired = await expireUnapproved(now);
  const sent = await deliverDueNotices(now);
  const usageDaysPruned = await pruneUsage(now);
  return { expiryQueued, warned, revoked, approvalsExpired, sent, usageDaysPruned };
}

/** One run of the job. Null when another run (here or on another instance) holds the lock. */
export async function runLifecycleJob(now = new Date()): Promise<JobResult | null> {
  if (running) return null;
  running = true;
  try {
    return await withJobLock(() => steps(now));
  } finally {
    running = false;
  }
}

/** Starts the timer (LIFECYCLE_JOB_INTERVAL_SECONDS, default 600; 0 = off). It never keeps the process alive. */
export function startLifecycleJob(intervalMs = loadEnv().lifecycleIntervalMs): (() => void) | null {
  if (intervalMs <= 0) return null;
  const tick = () =>
    void runLifecycleJob().catch((error: Error) => logger().error(`Token lifecycle job failed (next run in ${intervalMs / 1000}s): ${error.message}`));
  const first = setTimeout(tick, Math.min(intervalMs, 30_000));
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

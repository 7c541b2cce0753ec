// The lifecycle job's one-at-a-time lock, the area's only raw SQL. On PostgreSQL a session
// advisory lock on a connection of the process's one pool (lib/db.ts `driver`), held for the run
// and released before the connection goes back; another instance holding it skips its run. On
// SQLite the app is one process: the job's own flag (service/job.ts) is the lock.
import { driver, type Driver } from "@/lib/db";

/** pg_try_advisory_lock key: any constant unique to this job. */
export const JOB_LOCK_KEY = 7_151_515;

/** Runs `run` holding the lock; null, without running it, when another holds it. */
export async function withJobLock<T>(run: () => Promise<T>, on: Driver = driver): Promise<T | null> {
  if (on.provider !== "postgresql") return run();
  const client = await on.pool.connect();
  // A connection whose lock query or unlock failed may still hold the lock: closed, not handed back.
  let broken: Error | undefined;
  try {
    const locked = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [JOB_LOCK_KEY]).catch((error: Error) => {
      broken = error;
      throw error;
    });
    if (!locked.rows[0]?.locked) return null;
    try {
      return await run();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [JOB_LOCK_KEY]).catch((error: Error) => void (broken = error));
    }
  } finally {
    client.release(broken);
  }
}

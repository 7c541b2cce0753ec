// Several app instances on one PostgreSQL: when one revokes, regenerates or deletes a token
// or changes a user, the others drop their cached lookups at once (LISTEN/NOTIFY), instead of
// waiting out the cache TTL. If the channel is down, the TTL still bounds the lag; the
// listener connects (at start too) and reconnects by itself, every `retryMs` until it succeeds,
// and then empties the cache, since whatever was announced while it was away is lost.
import pg from "pg";
import { db } from "@/lib/db";
import type { TokenCache } from "./cache";
import { logger } from "@/lib/observability/logger.mjs";

export const CHANNEL = "pat_token_cache";
/** The LISTEN connection's application_name (to find it in pg_stat_activity). */
export const APPLICATION_NAME = "pat-cache-sync";
const RETRY_MS = 2000;

export type CacheSync = {
  stop: () => Promise<void>;
  /** True while the LISTEN connection is up. */
  connected: () => boolean;
  /** The server process id of the LISTEN connection (null while down). */
  backendPid: () => number | null;
};

export async function startCacheSync(cache: TokenCache, connectionString: string, { retryMs = RETRY_MS } = {}): Promise<CacheSync> {
  let client: pg.Client | null = null;
  let pid: number | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (c: pg.Client, why: string) => {
    if (client !== c) return; // already handled ("error" and "end" both come)
    client = null;
    pid = null;
    c.end().catch(() => undefined);
    if (stopped) return;
    logger().error(`Token cache sync lost its connection (${why}); retrying.`);
    schedule();
  };

  const connect = async (reconnecting: boolean) => {
    const c = new pg.Client({ connectionString, application_name: APPLICATION_NAME });
    c.on("notification", (n) => n.channel === CHANNEL && n.payload && cache.receive(n.payload));
    c.on("error", (error) => lost(c, error.message));
    c.on("end", () => lost(c, "connection ended"));
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      const { rows } = await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      if (stopped) return void (await c.end());
      client = c;
      pid = rows[0].pid;
      if (reconnecting) cache.clear(); // messages sent while we were away are lost
    } catch (error) {
      c.removeAllListeners("end");
      c.end().catch(() => undefined);
      throw error;
    }
  };

  const schedule = () => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      connect(true).catch((error: Error) => {
        logger().error(`Token cache sync could not reconnect (${error.message}); retrying.`);
        if (!stopped) schedule();
      });
    }, retryMs);
    retry.unref?.();
  };

  // Not ready until it is up (GET /api/ready); other instances' changes reach this one within the
  // cache TTL meanwhile.
  await connect(false).catch((error: Error) => {
    logger().error(`Token cache sync could not connect (${error.message}); retrying.`);
    schedule();
  });
  cache.broadcast = (message) =>
    db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${message})`.then(
      () => undefined,
      (error: Error) => logger().error(`Could not notify other instances: ${error.message}`),
    );
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      cache.broadcast = undefined;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
    connected: () => client !== null,
    backendPid: () => pid,
  };
}

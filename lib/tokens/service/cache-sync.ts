// Several app instances on one PostgreSQL: when one revokes, regenerates or deletes a token
// or changes a user, the others drop their cached lookups at once (LISTEN/NOTIFY), instead of
// waiting out the cache TTL. If the channel is down, the TTL still bounds the lag; the
// listener connects (at start too) and reconnects by itself, every `retryMs` until it succeeds,
// and then empties the cache, since whatever was announced while it was away is lost. The
// LISTEN connection and the NOTIFY are the token SQL's (../sql/postgres.ts).
import { logger } from "@/lib/observability/logger";
import type { TokenCache } from "../cache";
import { listen, tokenSql, type Listener } from "../sql";

export { CHANNEL } from "../sql";
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
  let listener: Listener | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (why: string) => {
    listener = null;
    if (stopped) return;
    logger().error(`Token cache sync lost its connection (${why}); retrying.`);
    schedule();
  };

  const connect = async (reconnecting: boolean) => {
    const up = await listen(connectionString, { applicationName: APPLICATION_NAME, onMessage: (payload) => cache.receive(payload), onLost: lost });
    if (stopped) return void (await up.end());
    listener = up;
    if (reconnecting) cache.clear(); // messages sent while we were away are lost
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
  cache.broadcast = (message) => {
    tokenSql().notify(message).catch((error: Error) =>
      logger().error(`Could not notify other instances: ${error.message}`),
    );
  };
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      cache.broadcast = undefined;
      const up = listener;
      listener = null;
      await up?.end();
    },
    connected: () => listener !== null,
    backendPid: () => listener?.pid ?? null,
  };
}

// Several app instances on one PostgreSQL: when one revokes, regenerates or deletes a token
// or changes a user, the others drop their cached lookups at once (LISTEN/NOTIFY), instead of
// waiting out the cache TTL. If the channel is down, the TTL still bounds the lag.
import pg from "pg";
import { db } from "@/lib/db";
import type { TokenCache } from "./cache";

export const CHANNEL = "pat_token_cache";
const RETRY_MS = 5000;

export type CacheSync = { stop: () => Promise<void> };

export async function startCacheSync(cache: TokenCache, connectionString: string): Promise<CacheSync> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const c = new pg.Client({ connectionString });
    c.on("notification", (n) => n.channel === CHANNEL && n.payload && cache.receive(n.payload));
    c.on("error", (error) => {
      console.error(`Token cache sync lost its connection (${error.message}); retrying.`);
      c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(() => undefined), RETRY_MS);
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };

  await connect();
  cache.broadcast = (message) => {
    db.$executeRaw`SELECT pg_notify(${CHANNEL}, ${message})`.catch((error: Error) =>
      console.error(`Could not notify other instances: ${error.message}`),
    );
  };
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      cache.broadcast = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}

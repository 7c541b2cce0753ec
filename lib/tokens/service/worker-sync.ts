// Several workers of one instance (WEB_CONCURRENCY > 1, server/cluster.ts): each has its own
// token cache. When this worker drops a token or a user, the message goes to the primary by IPC,
// which relays it to every other worker and answers once each acknowledged (../worker-messages.ts),
// so a revoke on one worker is refused by all the others before it answers. On PostgreSQL the
// LISTEN/NOTIFY broadcast (cache-sync.ts) still tells the other instances; both run, and a worker
// that hears of a drop twice drops twice (harmless).
// Memory: one pending entry per drop in flight, each gone at `done` or after the timeout.
import cluster from "node:cluster";
import { logger } from "@/lib/observability/logger";
import type { TokenCache } from "../cache";
import { ACK_TIMEOUT_MS, isCacheMessage, type CacheMessage } from "../worker-messages";

export type WorkerSync = { stop: () => void };

/** True in a worker forked by server/cluster.ts (with an IPC channel to the primary). */
export const inClusterWorker = () => cluster.isWorker && typeof process.send === "function";

export function startWorkerSync(cache: TokenCache, { timeoutMs = ACK_TIMEOUT_MS * 2 } = {}): WorkerSync {
  const pending = new Map<number, () => void>();
  let next = 0;
  const send = (message: CacheMessage) => {
    if (process.connected) process.send!(message);
  };

  const onMessage = (message: unknown) => {
    if (!isCacheMessage(message)) return;
    if (message.pat === "cache-relay") {
      cache.receive(message.message);
      send({ pat: "cache-ack", id: message.id });
    } else if (message.pat === "cache-done") {
      pending.get(message.id)?.();
    }
  };
  process.on("message", onMessage);

  // The primary answers within its own timeout; this one is for a primary that is gone or hung.
  const toWorkers = (message: string) =>
    new Promise<void>((resolve) => {
      if (!process.connected) return resolve();
      const id = ++next;
      const timer = setTimeout(() => {
        logger().error(`The other workers were not confirmed to have dropped ${message.slice(0, message.indexOf(":"))} (no answer from the primary in ${timeoutMs} ms)`);
        finish();
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        pending.delete(id);
        resolve();
      };
      pending.set(id, finish);
      send({ pat: "cache-drop", id, message });
    });

  const before = cache.broadcast;
  cache.broadcast = before ? (message) => Promise.all([toWorkers(message), before(message)]).then(() => undefined) : toWorkers;
  return {
    stop: () => {
      process.off("message", onMessage);
      cache.broadcast = before;
      for (const finish of pending.values()) finish();
    },
  };
}

// The messages between the workers of one `npm start` (WEB_CONCURRENCY > 1) and their primary
// (server/cluster.ts) that keep the workers' token caches consistent (service/worker-sync.ts):
// a worker that dropped a token or user sends `drop`; the primary relays it to every other
// worker, each answers `ack` once its cache dropped it, and the primary answers the sender
// `done` when all have (or when ACK_TIMEOUT_MS passed: a hung worker can't hold a revoke).

/** How long the primary waits for the other workers' acks before answering `done` anyway (logged). */
export const ACK_TIMEOUT_MS = 2_000;

export type WorkerDrop = { pat: "cache-drop"; id: number; message: string };
export type WorkerRelay = { pat: "cache-relay"; id: number; message: string };
export type WorkerAck = { pat: "cache-ack"; id: number };
export type WorkerDone = { pat: "cache-done"; id: number };
export type CacheMessage = WorkerDrop | WorkerRelay | WorkerAck | WorkerDone;

/** An IPC message of this protocol (anything else a process receives is not ours). */
export function isCacheMessage(value: unknown): value is CacheMessage {
  if (typeof value !== "object" || value === null) return false;
  const { pat, id, message } = value as Record<string, unknown>;
  if (typeof id !== "number") return false;
  if (pat === "cache-drop" || pat === "cache-relay") return typeof message === "string";
  return pat === "cache-ack" || pat === "cache-done";
}

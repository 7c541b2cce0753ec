// Last used time and IP, written at most once a minute per token (per instance), off the
// request path: a burst of calls is one write, and the caller never waits for it.
import { db } from "@/lib/db";

export const LAST_USED_INTERVAL_MS = 60_000;

const lastWrite = new Map<string, number>();
const pending = new Set<Promise<unknown>>();

export function recordUse(tokenId: string, ip: string | null, now = Date.now()) {
  const previous = lastWrite.get(tokenId);
  if (previous !== undefined && now - previous < LAST_USED_INTERVAL_MS) return;
  lastWrite.set(tokenId, now);
  if (lastWrite.size > 50_000) lastWrite.delete(lastWrite.keys().next().value as string);
  const write = db.token
    .updateMany({ where: { id: tokenId }, data: { lastUsedAt: new Date(now), lastUsedIp: ip } })
    .catch((error: Error) => console.error(`Could not record token use: ${error.message}`))
    .finally(() => pending.delete(write));
  pending.add(write);
}

/** Forget the coalescing state of a token (its secret changed) so the next use is recorded. */
export const forgetUse = (tokenId: string) => lastWrite.delete(tokenId);

/** For tests and shutdown: wait until every queued write has finished. */
export async function flushUses() {
  await Promise.all([...pending]);
}

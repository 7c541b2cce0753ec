// Last used time and IP, off the request path and coalesced twice:
// - in this instance, a token is queued at most once a minute (LAST_USED_INTERVAL_MS), and the
//   queue is written as one statement per FLUSH_MS (or per MAX_BATCH tokens), so a fleet of
//   tokens in rotation costs one write a second, not one per call;
// - across instances, the statement only changes rows whose lastUsedAt is older than the
//   interval, so a second instance's write for the same minute is a no-op: at most one row
//   change per token per minute however many instances serve it.
// Memory: `lastQueued` keeps at most MAX_TRACKED token ids (oldest dropped; about 200 bytes
// each, measured, so ~10 MB), `queued` at most MAX_BATCH uses, and at most MAX_IN_FLIGHT
// batches are written at once (beyond that, a use is simply recorded by a later call).
// This file is the recorder, with no database (tests give it a writer of their own); the
// process's one recorder is service/last-use.ts, its statement sql/ (writeUses).
import { logger } from "@/lib/observability/logger";

export const LAST_USED_INTERVAL_MS = 60_000;
export const MAX_TRACKED = 50_000;
export const MAX_BATCH = 1_000;
const MAX_IN_FLIGHT = 4;
const FLUSH_MS = 1_000;

export type Use = { tokenId: string; at: Date; ip: string | null };
/** Writes a batch of uses; answers how many rows it actually changed. */
export type WriteUses = (uses: Use[]) => Promise<number>;

export class LastUseRecorder {
  private lastQueued = new Map<string, number>();
  private queued = new Map<string, Use>();
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  /** Rows changed so far (for tests and the benchmark). */
  rowsChanged = 0;

  constructor(
    private write: WriteUses,
    private flushMs = FLUSH_MS,
  ) {}

  record(tokenId: string, ip: string | null, now = Date.now()) {
    const previous = this.lastQueued.get(tokenId);
    if (previous !== undefined && now - previous < LAST_USED_INTERVAL_MS) return;
    if (this.inFlight.size >= MAX_IN_FLIGHT) return; // the database is behind: a later call records it
    this.lastQueued.delete(tokenId); // re-inserted last, so the oldest is first to go
    this.lastQueued.set(tokenId, now);
    if (this.lastQueued.size > MAX_TRACKED) this.lastQueued.delete(this.lastQueued.keys().next().value as string);
    this.queued.set(tokenId, { tokenId, at: new Date(now), ip });
    if (this.queued.size >= MAX_BATCH) this.writeQueued();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.writeQueued(), this.flushMs);
      this.timer.unref?.();
    }
  }

  /** The token's secret changed: its next use is recorded, and a queued use of the old one dropped. */
  forget(tokenId: string) {
    this.lastQueued.delete(tokenId);
    this.queued.delete(tokenId);
  }

  /** Writes what is queued now and waits for every write under way. */
  async flush() {
    this.writeQueued();
    await Promise.all([...this.inFlight]);
  }

  get sizes() {
    return { tracked: this.lastQueued.size, queued: this.queued.size };
  }

  private writeQueued() {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queued.size === 0) return;
    const batch = [...this.queued.values()];
    this.queued.clear();
    const done: Promise<void> = this.write(batch)
      .then((n) => void (this.rowsChanged += n))
      .catch((error: Error) => logger().error(`Could not record token use: ${error.message}`))
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }
}

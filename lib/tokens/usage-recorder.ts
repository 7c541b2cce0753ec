// Usage history: calls and refusals per token per UTC day, and the addresses a token was used
// from. Counted in memory on the request path (a Map lookup and an increment) and written by a
// timer once per interval (USAGE_FLUSH_SECONDS, default 60): every token counted since the last
// write gets one row change per day and per address, as increments (INSERT ... ON CONFLICT DO
// UPDATE SET calls = calls + excluded.calls), so several instances add up. Never one write
// per request.
// - Only known tokens are counted: callers pass the id of a token that was found (a made-up
//   or malformed secret has no id and creates nothing).
// - Memory: at most MAX_PENDING_TOKENS tokens wait between writes (measured ~1.8 KB each with 5
//   IPv6 addresses and 2 days, so ~18 MB at most), each with at most MAX_PENDING_ADDRESSES addresses
//   (the least recent dropped: only the 5 newest are kept anyway). When the bound is reached
//   the batch is written at once (a large fleet may then write a token twice in an interval);
//   while MAX_IN_FLIGHT writes are under way, counts of tokens not already waiting are dropped
//   (and the number logged), so a slow database can't grow memory.
// - The database keeps KEEP_ADDRESSES addresses per token (the most recently seen) and
//   RETENTION_DAYS days (pruneUsage, from the lifecycle job).
// This file is the recorder itself, with no database (tests give it a writer of their own); the
// process's one recorder, what calls it and the prune are service/usage.ts, the SQL sql/.
import { logger } from "@/lib/observability/logger";
import { KEEP_ADDRESSES } from "./limits";

/** What one token adds in one write. */
export type TokenUsage = {
  tokenId: string;
  days: { day: string; calls: number; refusedExpired: number; refusedRevoked: number; refusedIp: number; refusedScope: number }[];
  addresses: { ip: string; firstSeenAt: Date; lastSeenAt: Date; calls: number }[];
};
export type WriteUsage = (batch: TokenUsage[]) => Promise<void>;

export const RETENTION_DAYS = 90;
export const MAX_PENDING_TOKENS = 10_000;
export const MAX_PENDING_ADDRESSES = KEEP_ADDRESSES;
const MAX_IN_FLIGHT = 2;
const DAY_MS = 86_400_000;

export type RefusalKind = "expired" | "revoked" | "ip" | "scope";

type DayCounts = { calls: number; expired: number; revoked: number; ip: number; scope: number };
type Seen = { first: number; last: number; calls: number };
type Pending = { days: Map<string, DayCounts>; addresses: Map<string, Seen> };

/** "YYYY-MM-DD" (UTC) of an instant; the current day is remembered, not reformatted per call. */
let today = { start: 0, end: 0, key: "" };
export function utcDay(ms: number): string {
  if (ms >= today.start && ms < today.end) return today.key;
  const start = Math.floor(ms / DAY_MS) * DAY_MS;
  today = { start, end: start + DAY_MS, key: new Date(start).toISOString().slice(0, 10) };
  return today.key;
}

export class UsageRecorder {
  private pending = new Map<string, Pending>();
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  /** Writes made (one per flush with something to write), for tests and the benchmark. */
  writes = 0;
  /** Counts dropped because the database was behind (logged with the next write). */
  dropped = 0;

  constructor(
    private write: WriteUsage,
    private intervalMs: () => number,
    private maxTokens = MAX_PENDING_TOKENS,
  ) {}

  /** A call the token was accepted for, from `ip` (null: unknown address, not listed). */
  call(tokenId: string, ip: string | null, now = Date.now()) {
    const entry = this.entry(tokenId);
    if (!entry) return;
    this.day(entry, now).calls++;
    if (ip) this.seen(entry, ip, now);
  }

  /** A refusal of a known token. */
  refuse(tokenId: string, kind: RefusalKind, now = Date.now()) {
    const entry = this.entry(tokenId);
    if (entry) this.day(entry, now)[kind]++;
  }

  /** Writes what is counted now and waits for every write under way. */
  async flush() {
    this.writePending();
    await Promise.all([...this.inFlight]);
  }

  get size() {
    return this.pending.size;
  }

  private entry(tokenId: string): Pending | undefined {
    let entry = this.pending.get(tokenId);
    if (entry) return entry;
    if (this.pending.size >= this.maxTokens) {
      this.writePending();
      if (this.pending.size >= this.maxTokens) {
        this.dropped++;
        return undefined;
      }
    }
    entry = { days: new Map(), addresses: new Map() };
    this.pending.set(tokenId, entry);
    if (!this.timer) {
      this.timer = setTimeout(() => this.writePending(), this.intervalMs());
      this.timer.unref?.();
    }
    return entry;
  }

  private day(entry: Pending, now: number): DayCounts {
    const key = utcDay(now);
    let counts = entry.days.get(key);
    if (!counts) entry.days.set(key, (counts = { calls: 0, expired: 0, revoked: 0, ip: 0, scope: 0 }));
    return counts;
  }

  private seen(entry: Pending, ip: string, now: number) {
    const seen = entry.addresses.get(ip);
    if (seen) {
      seen.last = now;
      seen.calls++;
      // Most recent last: the first is the one to drop.
      entry.addresses.delete(ip);
      entry.addresses.set(ip, seen);
      return;
    }
    if (entry.addresses.size >= MAX_PENDING_ADDRESSES) entry.addresses.delete(entry.addresses.keys().next().value as string);
    entry.addresses.set(ip, { first: now, last: now, calls: 1 });
  }

  private writePending() {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0 || this.inFlight.size >= MAX_IN_FLIGHT) return;
    const batch: TokenUsage[] = [...this.pending].map(([tokenId, entry]) => ({
      tokenId,
      days: [...entry.days].map(([day, c]) => ({ day, calls: c.calls, refusedExpired: c.expired, refusedRevoked: c.revoked, refusedIp: c.ip, refusedScope: c.scope })),
      addresses: [...entry.addresses].map(([ip, s]) => ({ ip, firstSeenAt: new Date(s.first), lastSeenAt: new Date(s.last), calls: s.calls })),
    }));
    this.pending = new Map();
    if (this.dropped) {
      logger().warn(`Token usage: ${this.dropped} counts dropped while the database was behind`);
      this.dropped = 0;
    }
    this.writes++;
    const done: Promise<void> = this.write(batch)
      .catch((error: Error) => logger().error(`Could not record token usage: ${error.message}`))
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }
}

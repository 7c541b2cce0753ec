// Rate limits (rate-limiter-flexible). Counters live in memory for one instance, in PostgreSQL
// when DATABASE_URL is PostgreSQL (lib/rate-limit/sql.ts), or in Redis when REDIS_URL is set, so
// that every instance shares them. A store that stops answering falls back to per-instance memory counters: limits
// keep working, never a 500. Every limit is "points,window seconds,lock seconds" in an env
// variable (defaults in LIMIT_DEFAULTS, documented in docs/security.md).
import Redis from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { addressKey } from "./client-address";
import { loadEnv, type Env, type Limit, type LimitName, type LimitSettings } from "./env";
import { postgresLimiter, postgresStore, type PostgresStore } from "./rate-limit/sql";
import { ApiError } from "./errors";
import { countRateLimited } from "./observability/metrics";

export { IPV6_PREFIX_DEFAULT, LIMIT_DEFAULTS, limitSettings, parseIpv6Prefix, parseLimit } from "./env";
export type { Limit, LimitName, LimitSettings } from "./env";

export type Store = { kind: "memory" } | PostgresStore | { kind: "redis"; client: Redis; ready: Promise<void> };

export { postgresStore };

export function redisStore(url: string): Store {
  // No offline queue: while Redis is away, calls fail at once and the memory fallback answers.
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  client.on("error", (error) => console.error(`Rate limit store (Redis): ${error.message}`));
  // First calls wait (5 s at most) for the connection rather than use the fallback at once.
  const ready = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    timer.unref();
    client.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { kind: "redis", client, ready };
}

/** Redis when REDIS_URL is set, else PostgreSQL when DATABASE_URL is, else memory. */
export function storeFromSettings(env: Pick<Env, "rateLimits" | "database"> = loadEnv()): Store {
  if (env.rateLimits.redisUrl) return redisStore(env.rateLimits.redisUrl);
  if (env.database.provider === "postgresql") return postgresStore(env.database.url);
  return { kind: "memory" };
}

function makeLimiter(store: Store, keyPrefix: string, limit: Limit, first: boolean): RateLimiterAbstract {
  const options = { keyPrefix, points: limit.points, duration: limit.windowSeconds, blockDuration: limit.lockSeconds };
  if (store.kind === "memory") return new RateLimiterMemory(options);
  const insuranceLimiter = new RateLimiterMemory(options);
  if (store.kind === "redis") return new RateLimiterRedis({ ...options, storeClient: store.client, insuranceLimiter, rejectIfRedisNotReady: true });
  return postgresLimiter(store, options, first, insuranceLimiter);
}

/** Seconds, rounded up, as Retry-After wants them. */
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export type Lock = { scope: "account_address" | "account" | "address"; seconds: number };

export function rateLimitedError(retryAfterSeconds: number, what = "requests") {
  return new ApiError("rate_limited", `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`, { retryAfter: retryAfterSeconds }, {
    "Retry-After": String(retryAfterSeconds),
  });
}

/** Addresses with failure counts or token locks held per instance, each (about 150 bytes an
 * entry, so at most ~15 MB each); past it the oldest is dropped. */
export const MAX_COUNTED_ADDRESSES = 100_000;

/** Failures per key within a fixed window, for at most `max` keys (the oldest dropped first). */
export class FailureCounts {
  private entries = new Map<string, { count: number; shared: number; resetAt: number }>();
  constructor(private windowMs: number, private max: number) {}

  add(key: string, now: number) {
    let entry = this.entries.get(key);
    if (entry && entry.resetAt <= now) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (!entry) {
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
      entry = { count: 0, shared: 0, resetAt: now + this.windowMs };
      this.entries.set(key, entry);
    }
    entry.count++;
    return entry;
  }

  delete(key: string) {
    this.entries.delete(key);
  }

  get size() {
    return this.entries.size;
  }
}

/** Keys with an end time, for at most `max` keys (the oldest dropped first). */
export class BoundedExpiry {
  private until = new Map<string, number>();
  constructor(private max: number) {}

  set(key: string, until: number) {
    this.until.delete(key);
    if (this.until.size >= this.max) this.until.delete(this.until.keys().next().value as string);
    this.until.set(key, until);
  }

  /** Milliseconds left for `key`, or 0 (an ended entry is dropped). */
  msLeft(key: string, now: number): number {
    const until = this.until.get(key);
    if (until === undefined) return 0;
    if (until > now) return until - now;
    this.until.delete(key);
    return 0;
  }

  get size() {
    return this.until.size;
  }
}

/**
 * The limits over one store. Every entry point below takes the client's address and counts it
 * by addressKey (an IPv6 client by its /64, or `ipv6Prefix`), never by the address itself.
 */
export function createRateLimits(store: Store, settings: LimitSettings = loadEnv().rateLimits.limits, prefix = "pat", ipv6Prefix = loadEnv().rateLimits.ipv6Prefix) {
  /** The one key every per-address limit counts by. */
  const keyOf = (ip: string | null) => (ip ? addressKey(ip, ipv6Prefix) : null);
  let first = true;
  const limiter = (name: LimitName | "SIGNIN_LOCKS", limit: Limit) => {
    const made = makeLimiter(store, `${prefix}:${name.toLowerCase()}`, limit, first);
    first = false;
    return made;
  };
  const limiters = Object.fromEntries(
    Object.entries(settings).map(([name, l]) => [name, limiter(name as LimitName, l)]),
  ) as Record<LimitName, RateLimiterAbstract>;
  // How many times a pair was locked in the last day, for the growing lock.
  const pairLocks = limiter("SIGNIN_LOCKS", { points: 1_000_000, windowSeconds: 24 * 60 * 60, lockSeconds: 1 });
  const ready = store.kind === "memory" ? Promise.resolve() : store.ready.catch(() => undefined);

  /** Milliseconds left on a lock of `key`, or 0. A locked key holds more points than allowed. */
  async function lockedFor(name: LimitName, key: string): Promise<number> {
    await ready;
    const res = await limiters[name].get(key).catch(() => null);
    return res && res.consumedPoints > settings[name].points ? res.msBeforeNext : 0;
  }

  /** Counts one failure; locks the key when it reaches the limit and returns the lock's length. */
  async function fail(name: LimitName, key: string, lockSeconds: number): Promise<number | null> {
    await ready;
    let res: RateLimiterRes;
    try {
      res = await limiters[name].consume(key);
    } catch (rejected) {
      if (rejected instanceof RateLimiterRes) return null; // already locked
      throw rejected;
    }
    if (res.consumedPoints < settings[name].points) return null;
    await limiters[name].block(key, lockSeconds);
    return lockSeconds;
  }

  const signInKeys = (email: string, ip: string) => ({ pair: `${email.toLowerCase()}|${ip}`, account: email.toLowerCase(), address: ip });

  // Failed token authentications are counted here first, per address (bounded: FailureCounts),
  // and a shared store hears of them in batches of a tenth of the limit: a flood of bad tokens
  // from many addresses, each failing a few times, costs no store round trip at all. An
  // address that fails alone reaches the limit here exactly; across N instances it may fail up
  // to N x (batch - 1) more times before the shared count locks it.
  const tokenLimit = settings.TOKEN_FAILURES;
  const tokenBatch = Math.max(1, Math.floor(tokenLimit.points / 10));
  const failures = new FailureCounts(tokenLimit.windowSeconds * 1000, MAX_COUNTED_ADDRESSES);
  // Addresses known to be locked for tokens, so their calls cost no store or database round
  // trip. Other instances learn the lock at the next batch they share.
  const tokenLocks = new BoundedExpiry(MAX_COUNTED_ADDRESSES);

  /** Adds `points` failures of `ip` to the shared count: the lock it is under (ms), or 0. */
  async function shareTokenFailures(ip: string, points: number): Promise<number> {
    await ready;
    try {
      const res = await limiters.TOKEN_FAILURES.consume(ip, points);
      if (res.consumedPoints < tokenLimit.points) return 0;
      await limiters.TOKEN_FAILURES.block(ip, tokenLimit.lockSeconds);
      return tokenLimit.lockSeconds * 1000;
    } catch (rejected) {
      // Over the limit: locked now (the store blocks at the crossing) or before, elsewhere.
      if (rejected instanceof RateLimiterRes) return rejected.msBeforeNext;
      throw rejected;
    }
  }

  return {
    settings,
    store,
    prefix,

    /** Seconds until this sign-in may be tried, or null. Asked before the password is checked. */
    async signInLockedFor(email: string, address: string | null): Promise<number | null> {
      const ip = keyOf(address);
      const keys = signInKeys(email, ip ?? "");
      const waits = await Promise.all([
        lockedFor("SIGNIN_ACCOUNT", keys.account),
        ip ? lockedFor("SIGNIN_ACCOUNT_ADDRESS", keys.pair) : 0,
        ip ? lockedFor("SIGNIN_ADDRESS", keys.address) : 0,
      ]);
      const wait = Math.max(...waits);
      if (wait > 0) countRateLimited("signin");
      return wait > 0 ? seconds(wait) : null;
    },

    /** A wrong password (or unknown account): counts on all three keys; returns the locks it set. */
    async signInFailed(email: string, address: string | null): Promise<Lock[]> {
      const ip = keyOf(address);
      const keys = signInKeys(email, ip ?? "");
      const locks: Lock[] = [];
      const account = await fail("SIGNIN_ACCOUNT", keys.account, settings.SIGNIN_ACCOUNT.lockSeconds);
      if (account) locks.push({ scope: "account", seconds: account });
      if (!ip) return locks; // no address known (not behind server/main.ts)
      const base = settings.SIGNIN_ACCOUNT_ADDRESS;
      await ready;
      const previous = (await pairLocks.get(keys.pair).catch(() => null))?.consumedPoints ?? 0;
      const pair = await fail("SIGNIN_ACCOUNT_ADDRESS", keys.pair, base.lockSeconds * 2 ** Math.min(previous, 4));
      if (pair) {
        await pairLocks.consume(keys.pair).catch(() => null);
        locks.push({ scope: "account_address", seconds: pair });
      }
      const addressLock = await fail("SIGNIN_ADDRESS", keys.address, settings.SIGNIN_ADDRESS.lockSeconds);
      if (addressLock) locks.push({ scope: "address", seconds: addressLock });
      if (locks.length) countRateLimited("signin");
      return locks;
    },

    /** The right password: that address starts afresh for that account (not for others). */
    async signInSucceeded(email: string, address: string | null) {
      const ip = keyOf(address);
      if (!ip) return;
      await ready;
      await limiters.SIGNIN_ACCOUNT_ADDRESS.delete(signInKeys(email, ip).pair).catch(() => false);
    },

    /** Synchronous and local: is this address locked for token calls (seconds left)? */
    tokenLockedFor(address: string | null, now = Date.now()): number | null {
      const ip = keyOf(address);
      if (!ip) return null;
      const left = tokenLocks.msLeft(ip, now);
      if (left <= 0) return null;
      countRateLimited("token_failures");
      return seconds(left);
    },

    /** A refused token: counts it; once over the limit, the address is locked (seconds left). */
    async tokenFailed(address: string | null, now = Date.now()): Promise<number | null> {
      const ip = keyOf(address);
      if (!ip) return null;
      const entry = failures.add(ip, now);
      let wait = entry.count >= tokenLimit.points ? tokenLimit.lockSeconds * 1000 : 0;
      const unshared = entry.count - entry.shared;
      if (store.kind !== "memory" && (unshared >= tokenBatch || (wait && unshared > 0))) {
        entry.shared = entry.count;
        wait = Math.max(wait, await shareTokenFailures(ip, unshared));
      }
      if (!wait) return null;
      tokenLocks.set(ip, now + wait);
      failures.delete(ip); // counted afresh once the lock ends
      countRateLimited("token_failures");
      return seconds(wait);
    },

    /** Addresses this instance holds failure counts and locks for (bounded, see MAX_COUNTED_ADDRESSES). */
    tokenMemory: () => ({ counted: failures.size, locked: tokenLocks.size }),

    /** Counts one call; throws 429 rate_limited with Retry-After when over the limit. */
    async limit(name: "OAUTH" | "USER_CREATE", address: string | null): Promise<void> {
      const ip = keyOf(address);
      if (!ip) return;
      await ready;
      try {
        await limiters[name].consume(ip);
      } catch (rejected) {
        if (!(rejected instanceof RateLimiterRes)) throw rejected;
        countRateLimited(name);
        throw rateLimitedError(seconds(rejected.msBeforeNext));
      }
    },

    /** Counts one attempt of a signed-in person (by user id); throws 429 rate_limited when over. */
    async limitUser(name: "DEVICE_CODE", userId: string): Promise<void> {
      await ready;
      try {
        await limiters[name].consume(`user:${userId}`);
      } catch (rejected) {
        if (!(rejected instanceof RateLimiterRes)) throw rejected;
        countRateLimited(name);
        throw rateLimitedError(seconds(rejected.msBeforeNext));
      }
    },

    async close() {
      if (store.kind === "redis") store.client.disconnect();
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;

const globalForLimits = globalThis as unknown as { patRateLimits?: RateLimits };

/** The process's limits, from the environment (RATE_LIMIT_PREFIX names the shared counters). */
export function rateLimits(): RateLimits {
  const { rateLimits: settings } = loadEnv();
  return (globalForLimits.patRateLimits ??= createRateLimits(storeFromSettings(), settings.limits, settings.prefix, settings.ipv6Prefix));
}

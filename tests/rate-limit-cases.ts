// The rate-limit behaviour, run against each store: memory, PostgreSQL (tests/rate-limit.test.ts)
// and Redis (tests/rate-limit-redis.test.ts). Each case builds its own limits with small
// numbers and a fresh key prefix, so runs and stores never share counters.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  BoundedExpiry,
  createRateLimits,
  FailureCounts,
  LIMIT_DEFAULTS,
  MAX_COUNTED_ADDRESSES,
  type LimitSettings,
  type RateLimits,
  type Store,
} from "@/lib/rate-limit";

const small: LimitSettings = {
  SIGNIN_ACCOUNT_ADDRESS: { points: 3, windowSeconds: 600, lockSeconds: 60 },
  SIGNIN_ADDRESS: { points: 7, windowSeconds: 3600, lockSeconds: 3600 },
  SIGNIN_ACCOUNT: { points: 10, windowSeconds: 3600, lockSeconds: 300 },
  TOKEN_FAILURES: { points: 4, windowSeconds: 300, lockSeconds: 300 },
  OAUTH: { points: 3, windowSeconds: 60, lockSeconds: 60 },
  USER_CREATE: { points: 2, windowSeconds: 600, lockSeconds: 600 },
  DEVICE_CODE: { points: 2, windowSeconds: 600, lockSeconds: 600 },
};

/** Failed token authentications of `ip` that the shared store has heard of (read straight from it). */
async function sharedTokenFailures(l: RateLimits, ip: string): Promise<number> {
  const key = `${l.prefix}:token_failures:${ip}`;
  if (l.store.kind === "postgres") {
    const { rows } = await l.store.pool.query("SELECT points FROM rate_limits WHERE key = $1", [key]);
    return rows[0]?.points ?? 0;
  }
  if (l.store.kind === "redis") return Number((await l.store.client.get(key)) ?? 0);
  throw new Error("memory has no shared store");
}

const email = () => `rl-${randomUUID().slice(0, 8)}@example.test`;
let n = 0;
const address = () => `198.18.${Math.floor(Math.random() * 250)}.${++n % 250}`;

export function rateLimitCases(label: string, makeStore: () => Store) {
  describe(`rate limits on ${label}`, () => {
    const made: RateLimits[] = [];
    const limits = (settings: Partial<LimitSettings> = {}) => {
      const instance = createRateLimits(made.length === 0 ? makeStore() : made[0].store, { ...small, ...settings }, `t-${randomUUID().slice(0, 8)}`);
      made.push(instance);
      return instance;
    };
    afterAll(async () => {
      await made[0]?.close();
    });

    it("locks one account for one address after its failures, and only there", async () => {
      const l = limits();
      const [account, attacker, owner] = [email(), address(), address()];
      expect(await l.signInFailed(account, attacker)).toEqual([]);
      expect(await l.signInFailed(account, attacker)).toEqual([]);
      expect(await l.signInLockedFor(account, attacker)).toBeNull();
      expect(await l.signInFailed(account, attacker)).toEqual([{ scope: "account_address", seconds: 60 }]);
      const wait = await l.signInLockedFor(account, attacker);
      expect(wait).toBeGreaterThan(50);
      expect(wait).toBeLessThanOrEqual(60);
      expect(await l.signInLockedFor(account, owner)).toBeNull();
      expect(await l.signInLockedFor(email(), attacker)).toBeNull();
    });

    it("a success clears that address's failures for the account", async () => {
      const l = limits();
      const [account, ip] = [email(), address()];
      await l.signInFailed(account, ip);
      await l.signInFailed(account, ip);
      await l.signInSucceeded(account, ip);
      expect(await l.signInFailed(account, ip)).toEqual([]);
      expect(await l.signInFailed(account, ip)).toEqual([]);
    });

    it("each further lock of the same account and address lasts twice as long", async () => {
      const l = limits({ SIGNIN_ACCOUNT_ADDRESS: { points: 1, windowSeconds: 600, lockSeconds: 1 } });
      const [account, ip] = [email(), address()];
      const lengths: number[] = [];
      for (let i = 0; i < 2; i++) {
        const [lock] = await l.signInFailed(account, ip);
        lengths.push(lock.seconds);
        await expect.poll(() => l.signInLockedFor(account, ip), { timeout: 10_000, interval: 250 }).toBeNull();
      }
      const [third] = await l.signInFailed(account, ip);
      expect([...lengths, third.seconds]).toEqual([1, 2, 4]);
    }, 20_000);

    it("locks an address that tries many accounts, for every account", async () => {
      const l = limits();
      const ip = address();
      const locks = [];
      for (let i = 0; i < small.SIGNIN_ADDRESS.points; i++) locks.push(...(await l.signInFailed(email(), ip)));
      expect(locks).toEqual([{ scope: "address", seconds: 3600 }]);
      expect(await l.signInLockedFor(email(), ip)).toBeGreaterThan(3500);
      expect(await l.signInLockedFor(email(), address())).toBeNull();
    });

    it("locks an account guessed from many addresses, briefly, everywhere", async () => {
      const l = limits();
      const account = email();
      const locks = [];
      for (let i = 0; i < small.SIGNIN_ACCOUNT.points; i++) locks.push(...(await l.signInFailed(account, address())));
      expect(locks).toEqual([{ scope: "account", seconds: 300 }]);
      const wait = await l.signInLockedFor(account, address());
      expect(wait).toBeGreaterThan(250);
      expect(wait).toBeLessThanOrEqual(300);
    });

    it("an attacker hammering one account from one address never locks the owner out elsewhere", async () => {
      // The defaults keep this true: one address is locked (SIGNIN_ADDRESS) before the account is.
      expect(LIMIT_DEFAULTS.SIGNIN_ADDRESS.points).toBeLessThan(LIMIT_DEFAULTS.SIGNIN_ACCOUNT.points);
      const l = limits({ SIGNIN_ACCOUNT_ADDRESS: { points: 3, windowSeconds: 600, lockSeconds: 1 } });
      const [account, attacker, owner] = [email(), address(), address()];
      // Try, wait out each short lock, try again, until the address itself is locked.
      for (let round = 0; round < 10 && !(await l.signInLockedFor(email(), attacker)); round++) {
        while (!(await l.signInLockedFor(account, attacker))) await l.signInFailed(account, attacker);
        expect(await l.signInLockedFor(account, owner)).toBeNull();
        if (await l.signInLockedFor(email(), attacker)) break;
        await expect.poll(() => l.signInLockedFor(account, attacker), { timeout: 10_000, interval: 250 }).toBeNull();
      }
      expect(await l.signInLockedFor(email(), attacker)).toBeGreaterThan(3000); // the address lock
      expect(await l.signInLockedFor(account, owner)).toBeNull();
    }, 30_000);

    it("counts failed token authentications per address and locks the address", async () => {
      const l = limits();
      const [flood, other] = [address(), address()];
      for (let i = 1; i < small.TOKEN_FAILURES.points; i++) expect(await l.tokenFailed(flood)).toBeNull();
      expect(l.tokenLockedFor(flood)).toBeNull();
      expect(await l.tokenFailed(flood)).toBe(300);
      expect(l.tokenLockedFor(flood)).toBeGreaterThan(290);
      expect(l.tokenLockedFor(other)).toBeNull();
      if (l.store.kind === "memory") return;
      // Another instance on the same store learns the lock at the address's next failure.
      const peer = createRateLimits(l.store, l.settings, l.prefix);
      expect(peer.tokenLockedFor(flood)).toBeNull();
      expect(await peer.tokenFailed(flood)).toBeGreaterThan(290);
      expect(peer.tokenLockedFor(flood)).toBeGreaterThan(290);
    });

    it("locks an address at exactly its limit of token failures when one instance sees them all", async () => {
      const l = limits({ TOKEN_FAILURES: { points: 100, windowSeconds: 300, lockSeconds: 300 } });
      const ip = address();
      for (let i = 1; i < 100; i++) expect(await l.tokenFailed(ip)).toBeNull();
      expect(l.tokenLockedFor(ip)).toBeNull();
      expect(await l.tokenFailed(ip)).toBe(300);
      expect(l.tokenLockedFor(ip)).toBeGreaterThan(290);
    });

    if (label !== "memory") it("tells the shared store of token failures in batches of a tenth of the limit, which all instances add up", async () => {
      const l = limits({ TOKEN_FAILURES: { points: 100, windowSeconds: 300, lockSeconds: 300 } });
      const ip = address();
      // A bad token or nine from an address (a flood from many addresses) cost no store write.
      for (let i = 0; i < 9; i++) expect(await l.tokenFailed(ip)).toBeNull();
      expect(await sharedTokenFailures(l, ip)).toBe(0);
      expect(await l.tokenFailed(ip)).toBeNull();
      expect(await sharedTokenFailures(l, ip)).toBe(10);
      const peer = createRateLimits(l.store, l.settings, l.prefix);
      for (let i = 0; i < 80; i++) expect(await peer.tokenFailed(ip)).toBeNull();
      expect(await sharedTokenFailures(l, ip)).toBe(90);
      // The batch that brings the shared count to the limit locks the address...
      for (let i = 0; i < 9; i++) expect(await l.tokenFailed(ip)).toBeNull();
      expect(await l.tokenFailed(ip)).toBe(300);
      // ...and the other instance learns it with its next batch.
      for (let i = 0; i < 9; i++) expect(await peer.tokenFailed(ip)).toBeNull();
      expect(await peer.tokenFailed(ip)).toBeGreaterThan(290);
      expect(peer.tokenLockedFor(ip)).toBeGreaterThan(290);
    });

    it("answers 429 with Retry-After past a call limit", async () => {
      const l = limits();
      const ip = address();
      for (let i = 0; i < small.OAUTH.points; i++) await l.limit("OAUTH", ip);
      const error = await l.limit("OAUTH", ip).catch((e) => e);
      expect(error).toMatchObject({ code: "rate_limited", status: 429 });
      expect(Number(error.headers["Retry-After"])).toBeGreaterThan(0);
      await expect(l.limit("OAUTH", address())).resolves.toBeUndefined();
      await expect(l.limit("USER_CREATE", ip)).resolves.toBeUndefined();
    });
  });
}

/** The bounds of what each instance keeps per address (run once, with the memory cases). */
export function tokenFailureMemoryCases() {
describe("per-instance memory for token failures", () => {
  it("counts within a window and drops the oldest address past its bound", () => {
    const counts = new FailureCounts(1000, 3);
    expect(counts.add("a", 0).count).toBe(1);
    expect(counts.add("a", 999).count).toBe(2);
    expect(counts.add("a", 1000).count).toBe(1); // a new window
    for (const key of ["b", "c", "d"]) counts.add(key, 1000);
    expect(counts.size).toBe(3);
    expect(counts.add("a", 1001).count).toBe(1); // "a" was the oldest: dropped, counted afresh
  });

  it("keeps lock end times for a bounded number of addresses and forgets ended ones", () => {
    const locks = new BoundedExpiry(2);
    locks.set("a", 100);
    locks.set("b", 200);
    locks.set("c", 300);
    expect(locks.size).toBe(2);
    expect(locks.msLeft("a", 0)).toBe(0);
    expect(locks.msLeft("c", 50)).toBe(250);
    expect(locks.msLeft("b", 200)).toBe(0);
    expect(locks.size).toBe(1);
  });

  it("holds at most MAX_COUNTED_ADDRESSES addresses under a flood from more of them", async () => {
    // Each in its own /64: the limits count an IPv6 client by its network.
    const network = (i: number) => `2001:db8:${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
    const l = createRateLimits({ kind: "memory" }, { ...small, TOKEN_FAILURES: { points: 1, windowSeconds: 300, lockSeconds: 300 } }, `t-${randomUUID().slice(0, 8)}`);
    for (let i = 0; i < MAX_COUNTED_ADDRESSES + 5_000; i++) await l.tokenFailed(network(i));
    expect(l.tokenMemory()).toEqual({ counted: 0, locked: MAX_COUNTED_ADDRESSES });
    const m = createRateLimits({ kind: "memory" }, small, `t-${randomUUID().slice(0, 8)}`);
    for (let i = 0; i < MAX_COUNTED_ADDRESSES + 5_000; i++) await m.tokenFailed(network(i));
    expect(m.tokenMemory()).toEqual({ counted: MAX_COUNTED_ADDRESSES, locked: 0 });
  }, 120_000); // 210,000 failures counted one by one: on a loaded machine, longer than the default 20 s
});
}

// Two instances on one PostgreSQL (this file runs only on PostgreSQL, see vitest.config.mts):
// each has its own token cache and its own LISTEN connection, as two app servers would.
// A revoke on one is refused by the other within a second; with the other's notification
// connection cut, its cache TTL still bounds the lag; and it reconnects by itself, also when
// it could not connect at start.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { TokenCache, tokenCache } from "@/lib/tokens/cache";
import { startCacheSync, type CacheSync } from "@/lib/tokens/service/cache-sync";
import { checkToken } from "@/lib/tokens/service/verify";
import { call, createTestUser, type TestUser } from "./helpers";

const database = loadEnv().database;
if (database.provider !== "postgresql") throw new Error("tests/instances.pg.test.ts needs TEST_DATABASE_URL=postgresql://...");
const url = database.url;

const TTL_MS = 60_000;
const other = new TokenCache(() => TTL_MS); // instance B; instance A is the app's own tokenCache
let here: CacheSync;
let there: CacheSync;
let user: TestUser;

beforeAll(async () => {
  here = await startCacheSync(tokenCache, url);
  there = await startCacheSync(other, url, { retryMs: 2_000 });
  user = await createTestUser();
});
afterAll(async () => {
  await there.stop();
  await here.stop();
});

async function usedOnB() {
  const res = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "fleet", expiresIn: "7d" } });
  const secret: string = res.json.secret;
  expect((await checkToken(secret, new Date(), other)).status).toBe("valid"); // now cached on B
  return { id: res.json.token.id as string, secret };
}

const revokeOnA = (id: string) => call(revoke.POST, "/x", { method: "POST", as: user, params: { id } });
const statusOnB = async (secret: string, at = new Date()) => (await checkToken(secret, at, other)).status;

describe("two instances on one PostgreSQL", () => {
  it("a revoke on one is refused by the other within a second", async () => {
    const t = await usedOnB();
    await revokeOnA(t.id);
    await expect.poll(() => statusOnB(t.secret), { timeout: 1_000, interval: 20 }).toBe("revoked");
  });

  it("with B's notification connection cut, the TTL bounds the lag, and B reconnects by itself", async () => {
    const t = await usedOnB();
    const pid = there.backendPid();
    expect(pid).not.toBeNull();
    await db.$executeRawUnsafe("SELECT pg_terminate_backend($1::int)", pid);
    await expect.poll(() => there.connected(), { timeout: 5_000 }).toBe(false);

    await revokeOnA(t.id);
    // The message was lost: B still has its cached lookup...
    expect(await statusOnB(t.secret)).toBe("valid");
    expect(there.connected()).toBe(false);
    // ...but not past the TTL.
    expect(await statusOnB(t.secret, new Date(Date.now() + TTL_MS))).toBe("revoked");

    // B reconnects on its own (a new backend), and NOTIFY reaches it again.
    await expect.poll(() => there.connected(), { timeout: 15_000, interval: 100 }).toBe(true);
    expect(there.backendPid()).not.toBe(pid);
    const later = await usedOnB();
    await revokeOnA(later.id);
    await expect.poll(() => statusOnB(later.secret), { timeout: 1_000, interval: 20 }).toBe("revoked");
  });

  it("an instance that can't reach the channel at start keeps trying, and listens once it can", async () => {
    const name = `cache_sync_later_${process.pid}`;
    const later = new URL(url);
    later.pathname = `/${name}`;
    await db.$executeRawUnsafe(`DROP DATABASE IF EXISTS ${name}`);
    const c = new TokenCache(() => TTL_MS);
    const sync = await startCacheSync(c, later.toString(), { retryMs: 200 });
    try {
      expect(sync.connected()).toBe(false); // the database does not exist yet
      await db.$executeRawUnsafe(`CREATE DATABASE ${name}`);
      await expect.poll(() => sync.connected(), { timeout: 15_000, interval: 100 }).toBe(true);
      expect(sync.backendPid()).toBeGreaterThan(0);
    } finally {
      await sync.stop();
      await db.$executeRawUnsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

// Deprovisioning on every instance (PostgreSQL only, see vitest.config.mts): a second instance
// (its own token cache and LISTEN connection, as another app server) that has a person's token
// cached refuses it once the directory deactivates or deletes that person on the first, and
// takes a removed group's role away from it, without waiting out its cache TTL; a change of the SSO
// policy empties its cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tokens from "@/app/api/v1/tokens/route";
import * as groupRoles from "@/app/api/v1/admin/scim/group-roles/route";
import * as settings from "@/app/api/v1/admin/settings/route";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { TokenCache, tokenCache } from "@/lib/tokens/cache";
import { startCacheSync, type CacheSync } from "@/lib/tokens/service/cache-sync";
import { checkToken } from "@/lib/tokens/service/verify";
import { call, createTestUser } from "./helpers";
import { client, directoryToken, GROUP, USER } from "./scim-helpers";

const database = loadEnv().database;
if (database.provider !== "postgresql") throw new Error("tests/scim-instances.pg.test.ts needs TEST_DATABASE_URL=postgresql://...");

const TTL_MS = 60_000; // far longer than the test: only the notification can make B refuse
const other = new TokenCache(() => TTL_MS);
let here: CacheSync;
let there: CacheSync;

beforeAll(async () => {
  here = await startCacheSync(tokenCache, database.url);
  there = await startCacheSync(other, database.url);
});
afterAll(async () => {
  await there.stop();
  await here.stop();
});

const unique = () => Math.random().toString(36).slice(2, 10);
const person = (email: string) => ({ schemas: [USER], userName: email, emails: [{ value: email, primary: true }], active: true });

async function cachedOnB(userId: string) {
  const res = await call(tokens.POST, "/x", { method: "POST", as: { id: userId }, body: { name: "laptop", expiresIn: "7d" } });
  const secret: string = res.json.secret;
  const check = await checkToken(secret, new Date(), other);
  expect(check.status).toBe("valid"); // now cached on B
  return { secret, check };
}

const onB = async (secret: string) => checkToken(secret, new Date(), other);

describe("SCIM deprovisioning across instances", () => {
  it("a deactivation on A is refused on B; a reactivation lets the token in again", async () => {
    const c = client((await directoryToken()).secret);
    const id = (await c.createUser(person(`b-${unique()}@example.test`))).json.id;
    const { secret } = await cachedOnB(id);
    expect((await c.patchUser(id, [{ op: "Replace", path: "active", value: "False" }])).status).toBe(200);
    await expect.poll(async () => (await onB(secret)).status, { timeout: 1_000, interval: 20 }).toBe("owner_disabled");
    await c.patchUser(id, [{ op: "replace", value: { active: true } }]);
    await expect.poll(async () => (await onB(secret)).status, { timeout: 1_000, interval: 20 }).toBe("valid");
  });

  it("a deletion on A is refused on B for good", async () => {
    const c = client((await directoryToken()).secret);
    const id = (await c.createUser(person(`d-${unique()}@example.test`))).json.id;
    const { secret } = await cachedOnB(id);
    expect((await c.deleteUser(id)).status).toBe(204);
    await expect.poll(async () => (await onB(secret)).status, { timeout: 1_000, interval: 20 }).not.toBe("valid");
    expect(["owner_disabled", "revoked"]).toContain((await onB(secret)).status);
  });

  it("a member removed from a mapped group on A loses the role on B", async () => {
    const { owner, secret: directory } = await directoryToken();
    const c = client(directory);
    const groupName = `admins-${unique()}`;
    await call(groupRoles.PUT, "/x", { method: "PUT", as: owner, body: { mappings: [{ group: groupName, roles: ["admin"] }] } });
    const id = (await c.createUser(person(`g-${unique()}@example.test`))).json.id;
    const gid = (await c.createGroup({ schemas: [GROUP], displayName: groupName, members: [{ value: id }] })).json.id;
    const { secret, check } = await cachedOnB(id);
    expect(check.principal?.user.roles).toEqual(["user", "admin"]);
    expect((await c.patchGroup(gid, [{ op: "remove", path: `members[value eq "${id}"]` }])).status).toBe(204);
    await expect.poll(async () => (await onB(secret)).principal?.user.roles, { timeout: 1_000, interval: 20 }).toEqual(["user"]);
  });

  it("switching SSO tokens to 'only while provisioned' on A empties B's cache: an unprovisioned SSO user's token is refused there", async () => {
    const { owner } = await directoryToken();
    const sso = await createTestUser({ kind: "sso", withPassword: false });
    const { secret } = await cachedOnB(sso.id);
    try {
      await call(settings.PUT, "/x", { method: "PUT", as: owner, body: { maxExpiration: "never", allowSsoPatCreation: true, ssoPatsNeedDirectory: true } });
      await expect.poll(async () => (await onB(secret)).status, { timeout: 1_000, interval: 20 }).toBe("owner_not_provisioned");
    } finally {
      await db.settings.deleteMany();
    }
  });
});

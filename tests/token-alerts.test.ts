import { afterEach, describe, expect, it } from "vitest";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import { db } from "@/lib/db";
import { tokenAlertsFor } from "@/lib/lifecycle/service/alerts";
import { applyUnusedPolicy } from "@/lib/lifecycle/service/unused-policy";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";

const DAY = 86_400_000;

async function tokenExpiringIn(user: TestUser, name: string, ms: number | null) {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name, expiresIn: "never" } });
  expect(res.status).toBe(201);
  const id = res.json.token.id as string;
  await db.token.update({ where: { id }, data: { expiresAt: ms === null ? null : new Date(Date.now() + ms) } });
  return id;
}

describe("tokens that expire soon", () => {
  it("GET /api/v1/tokens?expiring=7d lists the caller's active tokens expiring within 7 days", async () => {
    const user = await createTestUser();
    const soon = await tokenExpiringIn(user, "soon", 2 * DAY);
    await tokenExpiringIn(user, "later", 20 * DAY);
    await tokenExpiringIn(user, "never", null);
    await tokenExpiringIn(user, "gone", -DAY);
    const revoked = await tokenExpiringIn(user, "revoked", DAY);
    await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: revoked } });
    const res = await call(tokens.GET, "/api/v1/tokens", { as: user, query: { expiring: "7d" } });
    expect(res.status).toBe(200);
    expect(res.json.tokens.map((t: { id: string }) => t.id)).toEqual([soon]);
    const withStatus = await call(tokens.GET, "/api/v1/tokens", { as: user, query: { expiring: "7d", status: "active" } });
    expect(withStatus.json.tokens.map((t: { id: string }) => t.id)).toEqual([soon]);
    const alerts = await tokenAlertsFor(user.id);
    expect(alerts.expiring.map((t) => t.name)).toEqual(["soon"]);
    expect(alerts.expiringCount).toBe(1);
    expect(alerts.unused).toEqual([]);
  });

  it("refuses another expiring value with a 400", async () => {
    const user = await createTestUser();
    const res = await call(tokens.GET, "/api/v1/tokens", { as: user, query: { expiring: "30d" } });
    expect(res.status).toBe(400);
    expectErrorShape(res.json);
  });
});

describe("tokens the unused-token policy has warned about", () => {
  afterEach(async () => {
    await db.settings.deleteMany();
  });

  it("lists each warned token with the date it will be revoked, at most the limit, and counts the rest", async () => {
    const admin = await createAdmin();
    const put = await call(settings.PUT, "/x", { method: "PUT", as: admin, body: { maxExpiration: "never", allowSsoPatCreation: true, unusedTokenDays: 30 } });
    expect(put.status).toBe(200);
    const user = await createTestUser();
    const now = new Date();
    const lastUse = async (id: string, daysAgo: number) => {
      const at = new Date(now.getTime() - daysAgo * DAY);
      await db.token.update({ where: { id }, data: { lastUsedAt: at, createdAt: at, secretIssuedAt: at } });
    };
    const idle = await tokenExpiringIn(user, "idle", null);
    await lastUse(idle, 40);
    const busy = await tokenExpiringIn(user, "busy", null);
    await lastUse(busy, 1);
    expect((await tokenAlertsFor(user.id, now)).unused).toEqual([]); // not warned yet: nothing to show

    expect(await applyUnusedPolicy(now)).toMatchObject({ warned: 1 });
    const revokeAt = new Date(now.getTime() + 7 * DAY).toISOString();
    expect(await tokenAlertsFor(user.id, now)).toMatchObject({
      unused: [{ id: idle, name: "idle", revokeAt, reason: "revoked by policy: not used for 30 days" }],
      unusedMore: 0,
    });

    const idle2 = await tokenExpiringIn(user, "idle-too", null);
    await lastUse(idle2, 50);
    await applyUnusedPolicy(new Date(now.getTime() + DAY));
    const limited = await tokenAlertsFor(user.id, new Date(now.getTime() + DAY), 1);
    expect(limited.unused.map((t) => t.id)).toEqual([idle]); // the sooner revoke
    expect(limited.unusedMore).toBe(1);
  });
});

// Usage history through the API: counts after calls and a flush, refusals per class, the
// addresses kept, the days parameter, who may read it; and the writes on the real database.
import { describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as usageRoute from "@/app/api/v1/tokens/[id]/usage/route";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import type { TokenResponse, UsageResponse } from "@/lib/schemas/token";
import { createToken } from "@/lib/tokens/service/create-token";
import { flushUsage, pruneUsage, utcDay } from "@/lib/tokens/service/usage";
import { tokenSql } from "@/lib/tokens/sql";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";

const DAY = 86_400_000;
const from = (ip: string) => ({ headers: { [CLIENT_IP_HEADER]: ip } });

async function newToken(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ci", expiresIn: "30d", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { token: TokenResponse; secret: string };
}

async function usageOf(user: TestUser, id: string, query: Record<string, string> = {}) {
  const res = await call(usageRoute.GET, "/x", { as: user, params: { id }, query });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as UsageResponse;
}

describe("GET /api/v1/tokens/:id/usage", () => {
  it("counts calls per day and the addresses they came from, after a flush", async () => {
    const user = await createTestUser();
    const { token, secret } = await newToken(user);
    for (let i = 0; i < 7; i++) expect((await call(me.GET, "/x", { token: secret })).status).toBe(200);
    for (let i = 0; i < 3; i++) await call(me.GET, "/x", { token: secret, ...from("2001:db8::7") });
    // Counted in memory only, until the flush.
    expect(await db.tokenUsageDay.count({ where: { tokenId: token.id } })).toBe(0);
    await flushUsage();
    const usage = await usageOf(user, token.id);
    expect(usage.days).toHaveLength(30);
    expect(usage.days[29]).toEqual({ day: utcDay(Date.now()), calls: 10, refused: { expired: 0, revoked: 0, ip: 0, scope: 0 } });
    expect(usage.days[0].day).toBe(utcDay(Date.now() - 29 * DAY)); // oldest first
    expect(usage.days.slice(0, 29).every((d) => d.calls === 0)).toBe(true);
    expect(usage.totals).toEqual({ calls: 10, refused: { expired: 0, revoked: 0, ip: 0, scope: 0 } });
    expect(usage.addresses.map((a) => [a.ip, a.calls])).toEqual([
      ["2001:db8::7", 3],
      ["203.0.113.7", 7],
    ]);
    expect(new Date(usage.addresses[0].lastSeenAt).getTime()).toBeGreaterThanOrEqual(new Date(usage.addresses[1].lastSeenAt).getTime());

    // A second flush adds to the rows (increments), as a second instance would.
    for (let i = 0; i < 5; i++) await call(me.GET, "/x", { token: secret });
    await flushUsage();
    const again = await usageOf(user, token.id, { days: "1" });
    expect(again.days).toEqual([{ day: utcDay(Date.now()), calls: 15, refused: { expired: 0, revoked: 0, ip: 0, scope: 0 } }]);
    expect(again.addresses.find((a) => a.ip === "203.0.113.7")!.calls).toBe(12);
  });

  it("counts refusals per class: expired, revoked, ip, scope", async () => {
    const user = await createTestUser();
    const caller = { user: { id: user.id, kind: "internal", roles: ["user"] }, token: null };
    const expired = await createToken(caller, { name: "old", expiresIn: "7d", scopes: "all" }, new Date(Date.now() - 8 * DAY));
    expect((await call(me.GET, "/x", { token: expired.secret })).status).toBe(401);

    const revoked = await newToken(user);
    await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: revoked.token.id } });
    expect((await call(me.GET, "/x", { token: revoked.secret })).status).toBe(401);
    expect((await call(me.GET, "/x", { token: revoked.secret })).status).toBe(401);

    const fenced = await newToken(user, { allowedIps: ["192.0.2.1"] });
    expect((await call(me.GET, "/x", { token: fenced.secret })).status).toBe(403);
    const exchanged = await call(exchange.POST, "/x", {
      method: "POST",
      body: { grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: fenced.secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" },
    });
    expect(exchanged.status).toBe(400);

    const narrow = await newToken(user, { scopes: [{ entity: "tokens", operation: "read" }] });
    const scoped = await call(tokens.POST, "/x", { method: "POST", token: narrow.secret, body: { name: "child", expiresIn: "7d" } });
    expect(scoped.json.error.code).toBe("insufficient_scope");
    expect((await call(tokens.GET, "/x", { token: narrow.secret })).status).toBe(403); // tokens:list: not held either
    await flushUsage();

    const none = { expired: 0, revoked: 0, ip: 0, scope: 0 };
    expect((await usageOf(user, expired.token.id)).totals).toEqual({ calls: 0, refused: { ...none, expired: 1 } });
    expect((await usageOf(user, revoked.token.id)).totals).toEqual({ calls: 0, refused: { ...none, revoked: 2 } });
    expect((await usageOf(user, fenced.token.id)).totals).toEqual({ calls: 0, refused: { ...none, ip: 2 } });
    const narrowUsage = await usageOf(user, narrow.token.id);
    expect(narrowUsage.totals).toEqual({ calls: 0, refused: { ...none, scope: 2 } });
    expect(narrowUsage.days.at(-1)!.refused.scope).toBe(2);
    // Refused calls are not addresses the token was used from.
    expect((await usageOf(user, fenced.token.id)).addresses).toEqual([]);
  });

  it("checks days: 1 to 90, else 400", async () => {
    const user = await createTestUser();
    const { token } = await newToken(user);
    expect((await usageOf(user, token.id, { days: "90" })).days).toHaveLength(90);
    for (const days of ["0", "91", "junk", "1.5", "-3", ""]) {
      const res = await call(usageRoute.GET, "/x", { as: user, params: { id: token.id }, query: { days } });
      expect(res.status, days).toBe(400);
      expectErrorShape(res.json);
    }
    const extra = await call(usageRoute.GET, "/x", { as: user, params: { id: token.id }, query: { other: "1" } });
    expect(extra.status).toBe(400);
  });

  it("is the owner's and the admins': another user gets 404", async () => {
    const owner = await createTestUser();
    const { token, secret } = await newToken(owner);
    await call(me.GET, "/x", { token: secret });
    await flushUsage();
    const other = await call(usageRoute.GET, "/x", { as: await createTestUser(), params: { id: token.id } });
    expect(other.status).toBe(404);
    expectErrorShape(other.json);
    expect((await usageOf(await createAdmin(), token.id)).totals.calls).toBe(1);
    // The token itself may read its own usage (tokens:read).
    const self = await call(usageRoute.GET, "/x", { token: secret, params: { id: token.id } });
    expect(self.status).toBe(200);
  });
});

describe("usage writes on the database", () => {
  it("keeps the 5 most recently seen addresses of a token", async () => {
    const user = await createTestUser();
    const { token } = await newToken(user);
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000);
    await tokenSql().writeUsage([{ tokenId: token.id, days: [], addresses: [0, 1, 2, 3].map((i) => ({ ip: `10.0.0.${i}`, firstSeenAt: at(i), lastSeenAt: at(i), calls: 1 })) }]);
    await tokenSql().writeUsage([{ tokenId: token.id, days: [], addresses: [4, 5, 6].map((i) => ({ ip: `10.0.0.${i}`, firstSeenAt: at(i), lastSeenAt: at(i), calls: 2 })) }]);
    // 7 seen: the two least recent (10.0.0.0, 10.0.0.1) are gone.
    expect((await db.tokenAddress.findMany({ where: { tokenId: token.id }, orderBy: { lastSeenAt: "desc" } })).map((r) => r.ip)).toEqual([
      "10.0.0.6",
      "10.0.0.5",
      "10.0.0.4",
      "10.0.0.3",
      "10.0.0.2",
    ]);
    // Seen again (by another instance, say): its counts add up, first seen stays.
    await tokenSql().writeUsage([{ tokenId: token.id, days: [], addresses: [{ ip: "10.0.0.3", firstSeenAt: at(9), lastSeenAt: at(9), calls: 4 }] }]);
    const rows = await db.tokenAddress.findMany({ where: { tokenId: token.id }, orderBy: { lastSeenAt: "desc" } });
    expect(rows.map((r) => r.ip)).toEqual(["10.0.0.3", "10.0.0.6", "10.0.0.5", "10.0.0.4", "10.0.0.2"]);
    const one = rows[0];
    expect([one.calls, one.firstSeenAt.toISOString(), one.lastSeenAt.toISOString()]).toEqual([5, at(3).toISOString(), at(9).toISOString()]);
  });

  it("skips tokens deleted before the write, and prunes days past 90", async () => {
    const user = await createTestUser();
    const { token } = await newToken(user);
    const days = (day: string) => [{ day, calls: 1, refusedExpired: 0, refusedRevoked: 0, refusedIp: 0, refusedScope: 0 }];
    await tokenSql().writeUsage([
      { tokenId: token.id, days: days(utcDay(Date.now() - 95 * DAY)), addresses: [] },
      { tokenId: "gone", days: days("2026-01-01"), addresses: [{ ip: "10.0.0.1", firstSeenAt: new Date(), lastSeenAt: new Date(), calls: 1 }] },
    ]);
    await tokenSql().writeUsage([{ tokenId: token.id, days: days(utcDay(Date.now() - 89 * DAY)), addresses: [] }]);
    expect(await db.tokenUsageDay.count({ where: { tokenId: "gone" } })).toBe(0);
    expect(await db.tokenUsageDay.count({ where: { tokenId: token.id } })).toBe(2);
    expect(await pruneUsage()).toBeGreaterThanOrEqual(1);
    expect((await db.tokenUsageDay.findMany({ where: { tokenId: token.id } })).map((d) => d.day)).toEqual([utcDay(Date.now() - 89 * DAY)]);
  });
});

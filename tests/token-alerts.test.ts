import { describe, expect, it } from "vitest";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import { db } from "@/lib/db";
import { tokenAlertsFor } from "@/lib/lifecycle/alerts";
import { call, createTestUser, expectErrorShape, type TestUser } from "./helpers";

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
    expect(alerts.unused).toEqual([]);
  });

  it("refuses another expiring value with a 400", async () => {
    const user = await createTestUser();
    const res = await call(tokens.GET, "/api/v1/tokens", { as: user, query: { expiring: "30d" } });
    expect(res.status).toBe(400);
    expectErrorShape(res.json);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import { db } from "@/lib/db";
import { call, createAdmin, createTestUser, expectErrorShape } from "./helpers";

afterEach(async () => {
  await db.settings.deleteMany();
});

/** The approval policy's defaults (tests/approvals.test.ts covers changing it). */
const APPROVAL_OFF = { approvalLongerThanDays: "off", approvalNoExpiry: false, approvalScopes: [], approvalServiceAccounts: false, approvers: "admins" };

describe("/api/v1/admin/settings", () => {
  it("has defaults, and an admin changes them", async () => {
    const admin = await createAdmin();
    const get = await call(settings.GET, "/api/v1/admin/settings", { as: admin });
    expect(get.status).toBe(200);
    expect(get.json).toEqual({ maxExpiration: "never", allowSsoPatCreation: true, ssoPatsNeedDirectory: false, unusedTokenDays: "off", neverUsedTokenDays: "off", ...APPROVAL_OFF });
    const put = await call(settings.PUT, "/api/v1/admin/settings", { method: "PUT", as: admin, body: { maxExpiration: "30d", allowSsoPatCreation: false } });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ maxExpiration: "30d", allowSsoPatCreation: false, ssoPatsNeedDirectory: false, unusedTokenDays: "off", neverUsedTokenDays: "off", ...APPROVAL_OFF });
    expect((await call(settings.GET, "/api/v1/admin/settings", { as: admin })).json).toEqual(put.json);
  });

  it("applies at once to new and regenerated tokens", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    const created = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "before", expiresIn: "never" } });
    expect(created.status).toBe(201);
    await call(settings.PUT, "/api/v1/admin/settings", { method: "PUT", as: admin, body: { maxExpiration: "7d", allowSsoPatCreation: true } });
    const refused = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "after", expiresIn: "30d" } });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: "policy_violation", message: expect.stringContaining("7 days") });
    const regen = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: created.json.token.id }, body: { expiresIn: "never" } });
    expect(regen.status).toBe(403);
    const ok = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: created.json.token.id }, body: { expiresIn: "7d" } });
    expect(ok.status).toBe(200);
  });

  it("sets the unused-token policy, and keeps it when a PUT leaves it out", async () => {
    const admin = await createAdmin();
    const body = { maxExpiration: "never", allowSsoPatCreation: true, unusedTokenDays: 90, neverUsedTokenDays: 30 };
    const put = await call(settings.PUT, "/x", { method: "PUT", as: admin, body });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ ...body, ...APPROVAL_OFF, ssoPatsNeedDirectory: false });
    const again = await call(settings.PUT, "/x", { method: "PUT", as: admin, body: { maxExpiration: "7d", allowSsoPatCreation: true } });
    expect(again.json).toEqual({ ...body, ...APPROVAL_OFF, ssoPatsNeedDirectory: false, maxExpiration: "7d" });
    const off = await call(settings.PUT, "/x", { method: "PUT", as: admin, body: { ...body, unusedTokenDays: "off" } });
    expect((await call(settings.GET, "/x", { as: admin })).json).toEqual({ ...body, ...APPROVAL_OFF, ssoPatsNeedDirectory: false, unusedTokenDays: "off" });
    expect(off.status).toBe(200);
  });

  it("is for admins only", async () => {
    const user = await createTestUser();
    expect((await call(settings.GET, "/x", { as: user })).status).toBe(403);
    const put = await call(settings.PUT, "/x", { method: "PUT", as: user, body: { maxExpiration: "never", allowSsoPatCreation: true } });
    expect(put.status).toBe(403);
    expectErrorShape(put.json);
    expect((await call(settings.GET, "/x")).status).toBe(401);
  });

  it.each([
    [{ maxExpiration: "2y", allowSsoPatCreation: true }],
    [{ maxExpiration: "30d" }],
    [{ maxExpiration: "30d", allowSsoPatCreation: "no" }],
    [{ maxExpiration: "30d", allowSsoPatCreation: true, extra: 1 }],
    [{ maxExpiration: "30d", allowSsoPatCreation: true, unusedTokenDays: 45 }],
    [{ maxExpiration: "30d", allowSsoPatCreation: true, neverUsedTokenDays: "90" }],
    [{ maxExpiration: "30d", allowSsoPatCreation: true, unusedTokenDays: null }],
    ["30d"],
  ])("refuses %j with a 400", async (body) => {
    const admin = await createAdmin();
    const res = await call(settings.PUT, "/x", { method: "PUT", as: admin, body });
    expect(res.status).toBe(400);
    expectErrorShape(res.json);
  });
});

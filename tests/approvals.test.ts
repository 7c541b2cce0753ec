// The approval policy end to end through the routes: which new tokens wait for approval, the
// pending secret refused on every path (Bearer, Basic, X-Personal-Token, webhooks,
// introspection, the exchange), the queue and decisions, expiry after 7 days unapproved,
// regenerate and rotate, and the audit.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as hooks from "@/app/api/hooks/[...path]/route";
import * as settingsRoute from "@/app/api/v1/admin/settings/route";
import * as approvalsRoute from "@/app/api/v1/approvals/route";
import * as approvalRoute from "@/app/api/v1/approvals/[id]/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as exchangeRoute from "@/app/api/v1/oauth/token/route";
import * as accountsRoute from "@/app/api/v1/service-accounts/route";
import * as accountTokensRoute from "@/app/api/v1/service-accounts/[id]/tokens/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as regenerateRoute from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as rotateRoute from "@/app/api/v1/tokens/self/rotate/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import { db } from "@/lib/db";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";

const DAY = 86_400_000;

async function setPolicy(admin: TestUser, policy: Record<string, unknown>) {
  const res = await call(settingsRoute.PUT, "/x", { method: "PUT", as: admin, body: { maxExpiration: "never", allowSsoPatCreation: true, ...policy } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

async function newToken(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(tokensRoute.POST, "/x", { method: "POST", as: user, body: { name: "ci", expiresIn: "never", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { secret: res.json.secret as string, token: res.json.token };
}

const me = (secret: string, headers?: Record<string, string>) => call(meRoute.GET, "/x", headers ? { headers } : { token: secret });
const decide = (as: TestUser, id: string, body: unknown) => call(approvalRoute.POST, "/x", { method: "POST", as, params: { id }, body });
const queue = async (as: TestUser) => call(approvalsRoute.GET, "/x", { as });
const exchange = (secret: string) =>
  call(exchangeRoute.POST, "/x", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    rawBody: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" }).toString(),
  });

async function hookSend(path: string, secret: string) {
  const req = new NextRequest(`http://localhost:3000/api/hooks/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-pat-client-ip": "198.51.100.20", authorization: `Bearer ${secret}` },
    body: '{"event":"deploy"}',
  });
  const res = await hooks.POST(req, { params: Promise.resolve({ path: path.split("/") }) });
  return res.status;
}

describe("approval policy settings", () => {
  it("are off by default, saved and read back, and bad values are clear 400s", async () => {
    const admin = await createAdmin();
    const before = await call(settingsRoute.GET, "/x", { as: admin });
    expect(before.json).toMatchObject({ approvalLongerThanDays: "off", approvalNoExpiry: false, approvalScopes: [], approvalServiceAccounts: false, approvers: "admins" });
    const saved = await setPolicy(admin, { approvalLongerThanDays: 30, approvalNoExpiry: true, approvalScopes: ["users", "tokens:delete"], approvalServiceAccounts: true, approvers: "approver-role" });
    expect(saved).toMatchObject({ approvalLongerThanDays: 30, approvalNoExpiry: true, approvalScopes: ["users", "tokens:delete"], approvalServiceAccounts: true, approvers: "approver-role" });
    // Left out: kept.
    expect(await setPolicy(admin, {})).toMatchObject({ approvalLongerThanDays: 30, approvers: "approver-role" });
    for (const bad of [{ approvalLongerThanDays: 12 }, { approvers: "everyone" }, { approvalScopes: ["Not A Scope"] }, { approvalNoExpiry: "yes" }]) {
      const res = await call(settingsRoute.PUT, "/x", { method: "PUT", as: admin, body: { maxExpiration: "never", allowSsoPatCreation: true, ...bad } });
      expect(res.status).toBe(400);
      expectErrorShape(res.json);
    }
    const audit = await db.auditEvent.findFirst({ where: { action: "settings.update" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(audit!.details!).after).toMatchObject({ approvalNoExpiry: true });
  });
});

describe("approval life cycle", () => {
  it("a token the policy holds back is pending: its secret is refused on every path until an admin approves it", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: true, approvalLongerThanDays: "off", approvalScopes: [], approvalServiceAccounts: false, approvers: "admins" });

    // A 7-day token is not held back; one that never expires is.
    const short = await newToken(user, { expiresIn: "7d" });
    expect(short.token.approval).toBeNull();
    expect((await me(short.secret)).status).toBe(200);
    const { secret, token } = await newToken(user, { scopes: "all" });
    expect(secret).toMatch(/^pat_/);
    expect(token.approval).toMatchObject({ status: "pending", reason: null, decidedBy: null });
    expect(Date.parse(token.approval.pendingUntil) - Date.parse(token.createdAt)).toBe(7 * DAY);

    // Every auth method of the API.
    const basic = `Basic ${Buffer.from(`:${secret}`).toString("base64")}`;
    const methods: Record<string, string>[] = [{ authorization: `Bearer ${secret}` }, { authorization: basic }, { "x-personal-token": secret }];
    for (const headers of methods) {
      const res = await me(secret, headers);
      expect([res.status, res.json.error.code, res.json.error.details.reason], JSON.stringify(headers)).toEqual([401, "invalid_token", "pending_approval"]);
      expect(JSON.stringify(res.json)).not.toContain(secret);
    }
    // A webhook can't be bound to it while it waits; introspection and the exchange refuse it.
    const hookPath = `approvals-${crypto.randomUUID().slice(0, 8)}`;
    const bindHook = () => call(webhooksRoute.POST, "/x", { method: "POST", as: admin, body: { title: "t", path: hookPath, authMethod: "token", secretToken: secret } });
    const early = await bindHook();
    expect([early.status, early.json.error.code]).toEqual([400, "invalid_request"]);
    expect((await call(introspectRoute.POST, "/x", { method: "POST", as: admin, body: { token: secret } })).json).toEqual({ active: false });
    expect((await exchange(secret)).json.error).toBe("invalid_request");

    // The owner sees the state; the queue shows it to admins only.
    expect((await call(tokenRoute.GET, "/x", { as: user, params: { id: token.id } })).json.approval.status).toBe("pending");
    const listed = await queue(admin);
    expect(listed.status).toBe(200);
    expect(listed.json.tokens.map((t: { id: string }) => t.id)).toContain(token.id);
    expect(listed.json.tokens.map((t: { id: string }) => t.id)).not.toContain(short.token.id);
    const refused = await queue(user);
    expect([refused.status, refused.json.error.code]).toEqual([403, "forbidden"]);
    expect((await decide(user, token.id, { decision: "approve" })).status).toBe(403);

    // Approved: it works on each path at once (the cache held the refusal).
    const approved = await decide(admin, token.id, { decision: "approve", reason: "CI needs it" });
    expect(approved.status, JSON.stringify(approved.json)).toBe(200);
    expect(approved.json.approval).toMatchObject({ status: "approved", reason: "CI needs it", decidedBy: { id: admin.id, email: admin.email } });
    expect((await me(secret)).status).toBe(200);
    expect((await bindHook()).status).toBe(201);
    expect(await hookSend(hookPath, secret)).toBe(202);
    expect((await call(introspectRoute.POST, "/x", { method: "POST", as: admin, body: { token: secret } })).json.active).toBe(true);
    expect((await exchange(secret)).status).toBe(200);
    // Decided once: a second decision is a 409, and the token leaves the queue.
    const again = await decide(admin, token.id, { decision: "deny", reason: "changed my mind" });
    expect([again.status, again.json.error.code]).toEqual([409, "conflict"]);
    expect((await queue(admin)).json.tokens.map((t: { id: string }) => t.id)).not.toContain(token.id);

    const actions = (await db.auditEvent.findMany({ where: { targetId: token.id }, orderBy: { createdAt: "asc" } })).map((e) => [e.action, e.actorId]);
    expect(actions).toEqual([["token.create", user.id], ["token.approve", admin.id]]);
    const created = await db.auditEvent.findFirstOrThrow({ where: { targetId: token.id, action: "token.create" } });
    expect(JSON.parse(created.details!)).toMatchObject({ approval: "pending", needsApprovalBecause: ["never expires"] });
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { targetId: token.id } }))).not.toContain(secret);
  });

  it("a denial needs a reason, refuses the token for good and shows the reason to the owner", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: true, approvers: "admins" });
    const { secret, token } = await newToken(user);
    expect((await me(secret)).json.error.details.reason).toBe("pending_approval");
    const noReason = await decide(admin, token.id, { decision: "deny" });
    expect(noReason.status).toBe(400);
    expectErrorShape(noReason.json);
    for (const bad of [{ decision: "maybe" }, { decision: "approve", reason: "x".repeat(501) }, { decision: "approve", extra: 1 }, "approve"]) {
      expect((await decide(admin, token.id, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    const denied = await decide(admin, token.id, { decision: "deny", reason: "Use a 30-day token" });
    expect(denied.json.approval).toMatchObject({ status: "denied", reason: "Use a 30-day token" });
    const refused = await me(secret);
    expect([refused.status, refused.json.error.details.reason]).toEqual([401, "approval_denied"]);
    const seen = await call(tokenRoute.GET, "/x", { as: user, params: { id: token.id } });
    expect(seen.json.approval).toMatchObject({ status: "denied", reason: "Use a 30-day token", decidedBy: { id: admin.id } });
    // A denial is for good: no new secret is minted for it (it would be refused too), and the old one stays refused.
    const regenerated = await call(regenerateRoute.POST, "/x", { method: "POST", as: user, params: { id: token.id }, body: { expiresIn: "7d" } });
    expect([regenerated.status, regenerated.json.error.code, regenerated.json.secret]).toEqual([409, "conflict", undefined]);
    expect((await me(secret)).json.error.details.reason).toBe("approval_denied");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: token.id, action: "token.deny" } });
    expect([audit.actorId, JSON.parse(audit.details!).reason]).toEqual([admin.id, "Use a 30-day token"]);
    // Unknown and never-held tokens are not in the queue.
    expect((await decide(admin, "no-such-token", { decision: "approve" })).status).toBe(404);
    const plain = await call(tokensRoute.POST, "/x", { method: "POST", as: user, body: { name: "short", expiresIn: "7d" } });
    expect((await decide(admin, plain.json.token.id, { decision: "approve" })).status).toBe(404);
  });

  it("a pending token not approved within 7 days is refused as expired and can no longer be approved", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: true, approvers: "admins" });
    const { secret, token } = await newToken(user);
    await db.token.update({ where: { id: token.id }, data: { approvalRequestedAt: new Date(Date.now() - 7 * DAY - 1000) } });
    const refused = await me(secret);
    expect([refused.status, refused.json.error.details.reason]).toEqual([401, "expired"]);
    expect((await call(tokenRoute.GET, "/x", { as: user, params: { id: token.id } })).json.approval.status).toBe("expired");
    expect((await queue(admin)).json.tokens.map((t: { id: string }) => t.id)).not.toContain(token.id);
    const late = await decide(admin, token.id, { decision: "approve" });
    expect([late.status, late.json.error.code]).toEqual([409, "conflict"]);
  });

  it("approvers: the approver role decides when the policy names it; nobody decides on their own token", async () => {
    const admin = await createAdmin();
    const approver = await createTestUser({ roles: ["user", "approver"] });
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: true, approvers: "admins" });
    const { token } = await newToken(user);
    expect((await queue(approver)).status).toBe(403);
    await setPolicy(admin, { approvers: "approver-role" });
    expect((await queue(approver)).json.tokens.map((t: { id: string }) => t.id)).toContain(token.id);
    const own = await newToken(approver);
    const self = await decide(approver, own.token.id, { decision: "approve" });
    expect([self.status, self.json.error.code]).toEqual([403, "forbidden"]);
    const ownAdmin = await newToken(admin);
    expect((await decide(admin, ownAdmin.token.id, { decision: "approve" })).status).toBe(403);
    expect((await decide(approver, ownAdmin.token.id, { decision: "approve" })).status).toBe(200);
    expect((await decide(approver, token.id, { decision: "approve" })).status).toBe(200);
  });

  it("a service account's manager who is an approver can't decide on the token they asked for", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser({ roles: ["user", "approver"] });
    const other = await createTestUser({ roles: ["user", "approver"] });
    await setPolicy(admin, { approvalServiceAccounts: true, approvers: "approver-role" });
    const account = await call(accountsRoute.POST, "/x", { method: "POST", as: admin, body: { name: `deploy-${crypto.randomUUID().slice(0, 8)}`, managers: [manager.email, other.email] } });
    const minted = await call(accountTokensRoute.POST, "/x", { method: "POST", as: manager, params: { id: account.json.id }, body: { name: "deploy", expiresIn: "7d" } });
    expect(minted.json.token.approval.status).toBe("pending");
    const id = minted.json.token.id;
    // The token is the account's, not the manager's: only the request names who asked.
    expect((await db.token.findUniqueOrThrow({ where: { id } })).approvalRequestedById).toBe(manager.id);
    // The queue says who asked and why the policy held it back.
    const listed = (await queue(other)).json.tokens.find((t: { id: string }) => t.id === id);
    expect(listed.approval).toMatchObject({ status: "pending", requestedBy: { id: manager.id, email: manager.email }, because: ["belongs to a service account"] });
    expect(Date.parse(listed.approval.requestedAt)).toBe(Date.parse(minted.json.token.createdAt));
    const self = await decide(manager, id, { decision: "approve" });
    expect([self.status, self.json.error.code]).toEqual([403, "forbidden"]);
    expect((await me(minted.json.secret)).json.error.details.reason).toBe("pending_approval");
    // Another manager who is an approver may decide: they did not ask.
    expect((await decide(other, id, { decision: "approve" })).status).toBe(200);
    expect((await me(minted.json.secret)).status).toBe(200);
  });

  it("lifetime, scope and service-account rules each hold a token back", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: false, approvalLongerThanDays: 30, approvalScopes: ["tokens:delete"], approvalServiceAccounts: false, approvers: "admins" });
    expect((await newToken(user, { expiresIn: "30d", scopes: [{ entity: "tokens", operation: "read" }] })).token.approval).toBeNull();
    expect((await newToken(user, { expiresIn: "60d", scopes: [{ entity: "tokens", operation: "read" }] })).token.approval.status).toBe("pending");
    expect((await newToken(user, { expiresIn: "7d", scopes: [{ entity: "tokens", operation: "delete" }] })).token.approval.status).toBe("pending");
    // All permissions hold every selected scope.
    expect((await newToken(user, { expiresIn: "7d", scopes: "all" })).token.approval.status).toBe("pending");
    // "never" is no lifetime rule by itself when approvalNoExpiry is off.
    expect((await newToken(user, { expiresIn: "never", scopes: [{ entity: "tokens", operation: "read" }] })).token.approval).toBeNull();

    await setPolicy(admin, { approvalLongerThanDays: "off", approvalScopes: [], approvalServiceAccounts: true });
    const manager = await createTestUser();
    const account = await call(accountsRoute.POST, "/x", { method: "POST", as: admin, body: { name: `deploy-${crypto.randomUUID().slice(0, 8)}`, managers: [manager.email] } });
    const minted = await call(accountTokensRoute.POST, "/x", { method: "POST", as: manager, params: { id: account.json.id }, body: { name: "deploy", expiresIn: "7d" } });
    expect(minted.status, JSON.stringify(minted.json)).toBe(201);
    expect(minted.json.token.approval.status).toBe("pending");
    expect((await me(minted.json.secret)).json.error.details.reason).toBe("pending_approval");
    expect((await decide(admin, minted.json.token.id, { decision: "approve" })).status).toBe(200);
    expect((await me(minted.json.secret)).status).toBe(200);
    expect((await newToken(user, { expiresIn: "7d" })).token.approval).toBeNull();
  });

  it("regenerate and rotate keep an approved token approved unless they lengthen its life past the policy", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: false, approvalLongerThanDays: 7, approvalScopes: [], approvers: "admins" });
    const { token } = await newToken(user, { expiresIn: "30d" });
    expect((await decide(admin, token.id, { decision: "approve" })).status).toBe(200);
    const same = await call(regenerateRoute.POST, "/x", { method: "POST", as: user, params: { id: token.id }, body: { expiresIn: "30d" } });
    expect(same.json.token.approval.status).toBe("approved");
    expect((await me(same.json.secret)).status).toBe(200);
    const rotated = await call(rotateRoute.POST, "/x", { method: "POST", token: same.json.secret, body: {} });
    expect(rotated.status, JSON.stringify(rotated.json)).toBe(200);
    expect(rotated.json.token.approval.status).toBe("approved");
    expect((await me(rotated.json.secret)).status).toBe(200);
    const longer = await call(regenerateRoute.POST, "/x", { method: "POST", as: user, params: { id: token.id }, body: { expiresIn: "60d" } });
    expect(longer.json.token.approval).toMatchObject({ status: "pending", reason: null, decidedBy: null });
    expect((await me(longer.json.secret)).json.error.details.reason).toBe("pending_approval");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: token.id, action: "token.regenerate" }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(audit.details!)).toMatchObject({ approval: "pending", needsApprovalBecause: ["lives longer than 7 days"] });
  });
});

// What follows a token's hold, through the routes with a real SMTP server: a pending token mails
// the approvers (never the requester, at most MAX_APPROVER_RECIPIENTS, never the secret), a
// decision mails the requester (a service account's managers), and a failing mail server
// doesn't fail the call that triggered the mail; a scope added past the policy asks for a new
// approval; the lifecycle job marks tokens unapproved too long as expired.
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as settingsRoute from "@/app/api/v1/admin/settings/route";
import * as approvalRoute from "@/app/api/v1/approvals/[id]/route";
import * as accountsRoute from "@/app/api/v1/service-accounts/route";
import * as accountTokensRoute from "@/app/api/v1/service-accounts/[id]/tokens/route";
import * as approvalsRoute from "@/app/api/v1/approvals/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as scopesRoute from "@/app/api/v1/tokens/[id]/scopes/route";
import * as scopeRoute from "@/app/api/v1/tokens/[id]/scopes/[scopeId]/route";
import * as regenerateRoute from "@/app/api/v1/tokens/[id]/regenerate/route";
import { db } from "@/lib/db";
import { expireUnapproved } from "@/lib/lifecycle/service/approval-expiry";
import { runLifecycleJob } from "@/lib/lifecycle/service/job";
import { MAX_APPROVER_RECIPIENTS } from "@/lib/notices/service/approval-notices";
import { deliverDueNotices } from "@/lib/notices/service/queue";
import { EXPIRED_UNAPPROVED } from "@/lib/tokens/regenerate-rule";
import { call, createAdmin, createTestUser, type TestUser } from "./helpers";
import { mailServerForFile, useMailSettings, type MailServer } from "./mail-server";

const DAY = 86_400_000;
const server = mailServerForFile();
let mail: MailServer;

// Each test counts its own approvers: the people earlier tests made are set aside.
beforeEach(async () => {
  mail = server.current();
  await db.user.updateMany({ data: { disabled: true } });
});

async function setPolicy(admin: TestUser, policy: Record<string, unknown>) {
  const res = await call(settingsRoute.PUT, "/x", { method: "PUT", as: admin, body: { maxExpiration: "never", allowSsoPatCreation: true, ...policy } });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

async function newToken(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(tokensRoute.POST, "/x", { method: "POST", as: user, body: { name: "ci", expiresIn: "never", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return { secret: res.json.secret as string, token: res.json.token };
}

const decide = (as: TestUser, id: string, body: unknown) => call(approvalRoute.POST, "/x", { method: "POST", as, params: { id }, body });
const noticesOf = (tokenId: string, kind: string) => db.notice.findMany({ where: { tokenId, kind }, orderBy: { createdAt: "asc" } });
const me = (secret: string) => call(meRoute.GET, "/x", { token: secret });
const addScope = (as: TestUser, id: string, scope: { entity: string; operation: string }) => call(scopesRoute.POST, "/x", { method: "POST", as, params: { id }, body: scope });
const queueIds = async (as: TestUser) => (await call(approvalsRoute.GET, "/x", { as })).json.tokens.map((t: { id: string }) => t.id);
const sentAll = async (tokenId: string) => (await db.notice.findMany({ where: { tokenId } })).every((n) => n.status === "sent");

describe("approval mail", () => {
  it("a pending token mails the approvers (not the requester) with its name, owner, why and the queue's link; a decision mails the requester", async () => {
    const admin = await createAdmin();
    const approver = await createTestUser({ roles: ["user", "approver"] });
    const bystander = await createTestUser();
    const requester = await createTestUser({ roles: ["user", "approver"] });
    await setPolicy(admin, { approvalNoExpiry: true, approvers: "approver-role" });

    const { secret, token } = await newToken(requester, { name: "nightly backup" });
    await vi.waitFor(async () => expect(await sentAll(token.id)).toBe(true));
    const [request] = await noticesOf(token.id, "approval_request");
    expect(request.recipient.split(", ").sort()).toEqual([admin.email, approver.email].sort());
    for (const to of [admin.email, approver.email]) {
      const [got] = mail.to(to);
      expect(got.subject).toBe('A personal access token waits for your approval: "nightly backup"');
      expect(got.text).toContain("never expires");
      expect(got.text).toContain("http://localhost:3000/approvals");
      expect(got.text).toContain(`Requested by ${requester.email}`);
      expect(got.raw).not.toContain(secret);
    }
    expect(mail.to(requester.email)).toHaveLength(0);
    expect(mail.to(bystander.email)).toHaveLength(0);

    const denied = await decide(approver, token.id, { decision: "deny", reason: "Use a 30-day token" });
    expect(denied.status).toBe(200);
    await vi.waitFor(() => expect(mail.to(requester.email)).toHaveLength(1));
    const [decision] = mail.to(requester.email);
    expect(decision.subject).toBe('Your personal access token "nightly backup" was denied');
    expect(decision.text).toContain("Reason: Use a 30-day token");
    expect(decision.text).toContain(`by ${approver.email}`);
    expect(decision.text).toContain(`http://localhost:3000/tokens/${token.id}`);
    expect(decision.raw).not.toContain(secret);
    // Nobody else hears of the decision.
    expect(mail.to(admin.email)).toHaveLength(1);
  });

  it("a service account's token: the approvers read the account's name, and its managers get the decision", async () => {
    const admin = await createAdmin();
    const [m1, m2] = [await createTestUser(), await createTestUser()];
    await setPolicy(admin, { approvalNoExpiry: false, approvalServiceAccounts: true, approvers: "admins" });
    const name = `deploy-bot-${crypto.randomUUID().slice(0, 6)}`;
    const account = await call(accountsRoute.POST, "/x", { method: "POST", as: admin, body: { name, managers: [m1.email, m2.email] } });
    const minted = await call(accountTokensRoute.POST, "/x", { method: "POST", as: m1, params: { id: account.json.id }, body: { name: "deploy", expiresIn: "7d" } });
    expect(minted.status).toBe(201);
    const id = minted.json.token.id as string;
    await vi.waitFor(() => expect(mail.to(admin.email)).toHaveLength(1));
    expect(mail.to(admin.email)[0].text).toContain(`of service account: ${name}`);
    expect(mail.to(admin.email)[0].text).toContain("belongs to a service account");
    expect(mail.to(m1.email)).toHaveLength(0);

    expect((await decide(admin, id, { decision: "approve", reason: "release train" })).status).toBe(200);
    await vi.waitFor(() => expect(mail.to(m2.email)).toHaveLength(1));
    const [got] = mail.to(m1.email);
    expect(got.subject).toBe('Your personal access token "deploy" was approved');
    expect(got.text).toContain(`(service account: ${name})`);
    expect(got.text).toContain("Reason: release train");
    expect(got.to.sort()).toEqual([m1.email, m2.email].sort());
  });

  it("mails at most MAX_APPROVER_RECIPIENTS approvers, and nobody when there is no approver but the requester", async () => {
    const admin = await createAdmin();
    await setPolicy(admin, { approvalNoExpiry: true, approvalServiceAccounts: false, approvers: "admins" });
    const alone = await newToken(admin, { name: "mine" });
    expect(await noticesOf(alone.token.id, "approval_request")).toEqual([]);

    const admins = await Promise.all(Array.from({ length: MAX_APPROVER_RECIPIENTS + 3 }, () => createAdmin()));
    const user = await createTestUser();
    const { token } = await newToken(user);
    await vi.waitFor(async () => expect(await sentAll(token.id)).toBe(true));
    const [request] = await noticesOf(token.id, "approval_request");
    const to = request.recipient.split(", ");
    expect(to).toHaveLength(MAX_APPROVER_RECIPIENTS);
    expect(to).toEqual([admin, ...admins].map((a) => a.email).sort().slice(0, MAX_APPROVER_RECIPIENTS));
  });

  it("a mail server that refuses doesn't fail the call: the notice waits for the job's retry", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: true, approvers: "admins" });
    mail.refuseNext(1);
    const { token } = await newToken(user);
    expect(token.approval.status).toBe("pending");
    await vi.waitFor(async () => expect((await noticesOf(token.id, "approval_request"))[0]).toMatchObject({ attempts: 1, status: "pending", lastError: expect.stringMatching(/busy/i) }));
    expect(mail.to(admin.email)).toHaveLength(0);
    // Decided before the retry: the approvers are not asked any more.
    expect((await decide(admin, token.id, { decision: "approve" })).status).toBe(200);
    await deliverDueNotices(new Date(Date.now() + 3 * 3600_000));
    expect((await noticesOf(token.id, "approval_request"))[0]).toMatchObject({ status: "dropped" });
    expect(mail.to(admin.email)).toHaveLength(0);
  });

  it("a regenerate that lengthens an approved token past the policy asks the approvers again", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: false, approvalLongerThanDays: 7, approvers: "admins" });
    const { token } = await newToken(user, { name: "deploy", expiresIn: "30d" });
    expect((await decide(admin, token.id, { decision: "approve" })).status).toBe(200);
    await vi.waitFor(() => expect(mail.to(admin.email)).toHaveLength(1));
    const longer = await call(regenerateRoute.POST, "/x", { method: "POST", as: user, params: { id: token.id }, body: { expiresIn: "60d" } });
    expect(longer.json.token.approval).toMatchObject({ status: "pending", requestedBy: { id: user.id }, because: ["lives longer than 7 days"] });
    await vi.waitFor(() => expect(mail.to(admin.email)).toHaveLength(2));
    expect(mail.to(admin.email)[1].text).toContain("lives longer than 7 days");
    expect(mail.to(admin.email)[1].raw).not.toContain(longer.json.secret);
  });

  it("without mail settings nothing is queued", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: true, approvers: "admins" });
    useMailSettings(null);
    try {
      const { token } = await newToken(user);
      expect((await decide(admin, token.id, { decision: "approve" })).status).toBe(200);
      expect(await db.notice.count({ where: { tokenId: token.id } })).toBe(0);
    } finally {
      useMailSettings(mail);
    }
  });
});

describe("a scope added past the policy asks for a new approval", () => {
  it("widen: the approved token is pending again at once (refused, queued, approvers mailed) until approved again; narrow: it stays approved", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: false, approvalScopes: ["tokens:delete"], approvers: "admins" });
    const { secret, token } = await newToken(user, { name: "cleanup", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "read" }, { entity: "tokens", operation: "delete" }] });
    expect((await decide(admin, token.id, { decision: "approve" })).status).toBe(200);
    expect((await me(secret)).status).toBe(200); // cached as approved

    // Narrower: still approved, still works.
    const read = token.scopes.find((s: { operation: string }) => s.operation === "read");
    expect((await call(scopeRoute.DELETE, "/x", { method: "DELETE", as: user, params: { id: token.id, scopeId: read.id } })).status).toBe(204);
    expect((await call(tokenRoute.GET, "/x", { as: user, params: { id: token.id } })).json.approval.status).toBe("approved");
    expect((await me(secret)).status).toBe(200);

    // Wider, and a new token with these scopes would wait: pending, and the answer says so.
    const added = await addScope(user, token.id, { entity: "tokens", operation: "update" });
    expect(added.status, JSON.stringify(added.json)).toBe(201);
    expect(added.json).toMatchObject({ entity: "tokens", operation: "update", approval: { status: "pending", needsApprovalBecause: ["holds tokens:delete"] } });
    expect(Date.parse(added.json.approval.pendingUntil)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const refused = await me(secret);
    expect([refused.status, refused.json.error.details.reason]).toEqual([401, "pending_approval"]);
    expect((await call(tokenRoute.GET, "/x", { as: user, params: { id: token.id } })).json.approval).toMatchObject({
      status: "pending",
      decidedBy: null,
      reason: null,
      requestedBy: { id: user.id },
      because: ["was given the scope tokens:update", "holds tokens:delete"],
    });
    expect(await queueIds(admin)).toContain(token.id);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: token.id, action: "token.approval_requested" } });
    expect([audit.actorId, JSON.parse(audit.details!)]).toEqual([user.id, { trigger: "scope_add", scope: { entity: "tokens", operation: "update", entityId: "*" }, needsApprovalBecause: ["holds tokens:delete"] }]);
    await vi.waitFor(() => expect(mail.to(admin.email)).toHaveLength(2));
    expect(mail.to(admin.email)[1].text).toContain("was given the scope tokens:update; holds tokens:delete");

    expect((await decide(admin, token.id, { decision: "approve", reason: "cleanup job" })).status).toBe(200);
    expect((await me(secret)).status).toBe(200);
  });

  it("a token that needed no approval waits once a scope takes it past the policy; one that stays within it, and a denied one, keep their state", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: false, approvalScopes: ["tokens:delete"], approvers: "admins" });
    const { secret, token } = await newToken(user, { expiresIn: "7d", scopes: [{ entity: "tokens", operation: "read" }] });
    expect(token.approval).toBeNull();
    const within = await addScope(user, token.id, { entity: "tokens", operation: "update" });
    expect([within.status, within.json.approval]).toEqual([201, null]);
    expect((await me(secret)).status).toBe(200);
    const past = await addScope(user, token.id, { entity: "tokens", operation: "delete" });
    expect(past.json.approval).toMatchObject({ status: "pending", needsApprovalBecause: ["holds tokens:delete"] });
    expect((await me(secret)).json.error.details.reason).toBe("pending_approval");

    const denied = await newToken(user, { expiresIn: "7d", scopes: [{ entity: "tokens", operation: "delete" }] });
    expect((await decide(admin, denied.token.id, { decision: "deny", reason: "no" })).status).toBe(200);
    const more = await addScope(user, denied.token.id, { entity: "tokens", operation: "read" });
    expect(more.json.approval).toMatchObject({ status: "denied", needsApprovalBecause: [] });
    expect((await me(denied.secret)).json.error.details.reason).toBe("approval_denied");
    expect(await db.auditEvent.count({ where: { targetId: denied.token.id, action: "token.approval_requested" } })).toBe(0);
  });
});

describe("expired unapproved", () => {
  it("the lifecycle job marks a token pending PENDING_APPROVAL_DAYS as expired: audited, off the queue, refused, undecidable, and the requester mailed", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: true, approvalScopes: [], approvers: "admins" });
    const { secret, token } = await newToken(user, { name: "forgotten" });
    const approved = await newToken(user, { name: "approved" });
    expect((await decide(admin, approved.token.id, { decision: "approve" })).status).toBe(200);
    const since = (await db.token.findUniqueOrThrow({ where: { id: token.id } })).approvalRequestedAt!;

    // Not a millisecond early (earlier tests' tokens, older, may go first), and once.
    await expireUnapproved(new Date(since.getTime() + 7 * DAY - 1));
    expect((await db.token.findUniqueOrThrow({ where: { id: token.id } })).approvalStatus).toBe("pending");
    expect(await queueIds(admin)).toContain(token.id);
    const later = new Date(since.getTime() + 7 * DAY);
    expect(await expireUnapproved(later)).toBeGreaterThanOrEqual(1);
    expect(await expireUnapproved(later)).toBe(0);

    expect(await db.token.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ approvalStatus: "expired", revokedAt: null });
    expect((await db.token.findUniqueOrThrow({ where: { id: approved.token.id } })).approvalStatus).toBe("approved");
    const seen = await call(tokenRoute.GET, "/x", { as: user, params: { id: token.id } });
    expect(seen.json.approval).toMatchObject({ status: "expired", pendingUntil: later.toISOString() });
    expect(await queueIds(admin)).not.toContain(token.id);
    const late = await decide(admin, token.id, { decision: "approve" });
    expect([late.status, late.json.error.code]).toEqual([409, "conflict"]);
    const refused = await me(secret);
    expect([refused.status, refused.json.error.details.reason]).toEqual([401, "expired"]);
    const regenerated = await call(regenerateRoute.POST, "/x", { method: "POST", as: user, params: { id: token.id }, body: { expiresIn: "7d" } });
    expect([regenerated.status, regenerated.json.error.code, regenerated.json.error.message]).toEqual([409, "conflict", EXPIRED_UNAPPROVED]);

    const audit = await db.auditEvent.findMany({ where: { targetId: token.id, action: "token.approval_expire" } });
    expect(audit.map((a) => [a.actorId, JSON.parse(a.details!)])).toEqual([[null, { waitedSince: since.toISOString(), days: 7 }]]);
    expect(await deliverDueNotices(later)).toBeGreaterThanOrEqual(1);
    const got = mail.to(user.email).find((m) => m.subject.includes("forgotten"))!;
    expect(got.subject).toBe('Your personal access token "forgotten" expired unapproved');
    expect(got.text).toContain(`http://localhost:3000/tokens/${token.id}`);
    expect(got.raw).not.toContain(secret);
  });

  it("runs in the lifecycle job; a token asked again later waits from then, not from its secret's minting", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    await setPolicy(admin, { approvalNoExpiry: false, approvalScopes: ["tokens:delete"], approvers: "admins" });
    const old = await newToken(user, { expiresIn: "30d", scopes: [{ entity: "tokens", operation: "read" }] });
    await db.token.update({ where: { id: old.token.id }, data: { secretIssuedAt: new Date(Date.now() - 20 * DAY) } });
    expect((await addScope(user, old.token.id, { entity: "tokens", operation: "delete" })).json.approval.status).toBe("pending");
    expect((await me(old.secret)).json.error.details.reason).toBe("pending_approval");
    expect(await expireUnapproved()).toBe(0);
    expect(await queueIds(admin)).toContain(old.token.id);

    await db.token.update({ where: { id: old.token.id }, data: { approvalRequestedAt: new Date(Date.now() - 7 * DAY - 1000) } });
    const result = await runLifecycleJob();
    expect(result?.approvalsExpired).toBeGreaterThanOrEqual(1);
    expect((await db.token.findUniqueOrThrow({ where: { id: old.token.id } })).approvalStatus).toBe("expired");
    await vi.waitFor(() => expect(mail.to(user.email).map((m) => m.subject)).toContain('Your personal access token "ci" expired unapproved'));
  });
});

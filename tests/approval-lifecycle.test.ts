// The approval policy's mail, through the routes with a real SMTP server: a pending token mails
// the approvers (never the requester, at most MAX_APPROVER_RECIPIENTS, never the secret), a
// decision mails the requester (a service account's managers), and a failing mail server
// doesn't fail the call that triggered the mail.
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as settingsRoute from "@/app/api/v1/admin/settings/route";
import * as approvalRoute from "@/app/api/v1/approvals/[id]/route";
import * as accountsRoute from "@/app/api/v1/service-accounts/route";
import * as accountTokensRoute from "@/app/api/v1/service-accounts/[id]/tokens/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import { db } from "@/lib/db";
import { MAX_APPROVER_RECIPIENTS } from "@/lib/notices/service/approval-notices";
import { call, createAdmin, createTestUser, type TestUser } from "./helpers";
import { mailServerForFile, useMailSettings, type MailServer } from "./mail-server";

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

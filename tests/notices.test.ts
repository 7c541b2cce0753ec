import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { systemMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { queueExpiryNotices } from "@/lib/lifecycle/service/expiry-notices";
import { runLifecycleJob } from "@/lib/lifecycle/service/job";
import { deliverDueNotices, deliverNotice, MAX_ATTEMPTS } from "@/lib/notices/service/queue";
import { adminRevokeNotice, leakNotice } from "@/lib/notices/service/owner-notices";
import { setLogDestination } from "@/lib/observability/logger";
import { revokeBySystem } from "@/lib/tokens/service/revoke-token";
import { call, createAdmin, createTestUser, type TestUser } from "./helpers";
import { startMailServer } from "./mail-server";

const DAY = 86_400_000;
let mail: Awaited<ReturnType<typeof startMailServer>>;

beforeAll(async () => {
  mail = await startMailServer();
  process.env.SMTP_URL = mail.url;
  process.env.MAIL_FROM = "PAT console <pat@example.test>";
  reloadEnv();
});

afterEach(() => setLogDestination(null));

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  reloadEnv();
  await mail.close();
});

async function tokenExpiringIn(user: TestUser, ms: number, name = "deploy") {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name, expiresIn: "30d" } });
  expect(res.status).toBe(201);
  const id = res.json.token.id as string;
  await db.token.update({ where: { id }, data: { expiresAt: new Date(Date.now() + ms) } });
  return id;
}

describe("expiry notices", () => {
  it("mails the owner 7 days before, once, with a link to regenerate", async () => {
    const user = await createTestUser();
    const id = await tokenExpiringIn(user, 5 * DAY);
    await runLifecycleJob();
    await runLifecycleJob();
    const got = mail.to(user.email);
    expect(got).toHaveLength(1);
    expect(got[0].subject).toBe('Your personal access token "deploy" expires in 5 days');
    expect(got[0].from).toBe("pat@example.test");
    expect(got[0].text).toContain(`http://localhost:3000/tokens/${id}`);
    expect(got[0].text).toMatch(/regenerate it here/i);
    expect(got[0].raw).not.toMatch(/pat_[0-9A-Za-z]{38}/);
  });

  it("mails again 1 day before, and a new expiry date is a new notice", async () => {
    const user = await createTestUser();
    const id = await tokenExpiringIn(user, 12 * 3600_000);
    await runLifecycleJob();
    expect(mail.to(user.email).map((m) => m.subject)).toEqual(['Your personal access token "deploy" expires tomorrow']);
    await db.token.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 3 * DAY) } });
    await runLifecycleJob();
    expect(mail.to(user.email).map((m) => m.subject)).toEqual([
      'Your personal access token "deploy" expires tomorrow',
      'Your personal access token "deploy" expires in 3 days',
    ]);
  });

  it("sends each notice once when several instances run at the same time", async () => {
    const user = await createTestUser();
    await tokenExpiringIn(user, 3 * DAY);
    // Two instances' job steps racing: the claim row lets one of them queue, the lease one of them send.
    const queued = await Promise.all([queueExpiryNotices(), queueExpiryNotices(), queueExpiryNotices()]);
    expect(queued.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(await db.notice.count({ where: { token: { userId: user.id } } })).toBe(1);
    await Promise.all([deliverDueNotices(), deliverDueNotices()]);
    expect(mail.to(user.email)).toHaveLength(1);
  });

  it("retries a failed send later, and logs it", async () => {
    const user = await createTestUser();
    const id = await tokenExpiringIn(user, 4 * DAY);
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => lines.push(line) });
    mail.refuseNext(1);
    const now = new Date();
    await runLifecycleJob(now);
    expect(mail.to(user.email)).toHaveLength(0);
    const failed = await db.notice.findFirstOrThrow({ where: { tokenId: id } });
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("Mailbox busy") });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    const logged = lines.map((l) => JSON.parse(l) as { level: string; msg: string; noticeId?: string });
    expect(logged.filter((l) => l.noticeId === failed.id)).toEqual([
      expect.objectContaining({ level: "error", msg: expect.stringMatching(/attempt 1 failed, will retry: .*Mailbox busy/) }),
    ]);
    await runLifecycleJob(now); // not due yet: nothing is sent
    expect(mail.to(user.email)).toHaveLength(0);
    await runLifecycleJob(new Date(failed.nextAttemptAt.getTime() + 1000));
    expect(mail.to(user.email)).toHaveLength(1);
    expect(await db.notice.findFirstOrThrow({ where: { tokenId: id } })).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("gives up after the last attempt: the notice is marked failed and never tried again", async () => {
    const user = await createTestUser();
    const id = await tokenExpiringIn(user, 4 * DAY);
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => lines.push(line) });
    mail.refuseNext(MAX_ATTEMPTS);
    let at = new Date();
    await queueExpiryNotices(at);
    const { id: noticeId } = await db.notice.findFirstOrThrow({ where: { tokenId: id } });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverNotice(noticeId, at)).toBe(false);
      const notice = await db.notice.findUniqueOrThrow({ where: { id: noticeId } });
      expect(notice).toMatchObject({ attempts: attempt, status: attempt < MAX_ATTEMPTS ? "pending" : "failed" });
      at = new Date(notice.nextAttemptAt.getTime() + 1000);
    }
    mail.refuseNext(0);
    expect(await deliverNotice(noticeId, new Date(at.getTime() + 7 * DAY))).toBe(false);
    expect(await db.notice.findFirstOrThrow({ where: { tokenId: id } })).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: expect.stringContaining("Mailbox busy") });
    expect(mail.to(user.email)).toHaveLength(0);
    expect(lines.join("")).toContain(`attempt ${MAX_ATTEMPTS} failed, giving up`);
  });

  it("drops an expiry notice that went stale before it was sent: the token was regenerated or revoked", async () => {
    const user = await createTestUser();
    const regenerated = await tokenExpiringIn(user, 4 * DAY, "regenerated");
    const revoked = await tokenExpiringIn(user, 4 * DAY, "revoked");
    const now = new Date();
    expect(await queueExpiryNotices(now)).toBe(2);
    // Queued, not sent yet (the mail server was down, say); then the owner acts.
    expect((await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: regenerated }, body: { expiresIn: "30d" } })).status).toBe(200);
    expect((await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: revoked } })).status).toBe(200);
    expect(await deliverDueNotices(now)).toBe(0);
    expect(mail.to(user.email)).toHaveLength(0);
    const notices = await db.notice.findMany({ where: { tokenId: { in: [regenerated, revoked] } }, select: { kind: true, status: true } });
    expect(notices).toEqual([
      { kind: "expiry_7d", status: "dropped" },
      { kind: "expiry_7d", status: "dropped" },
    ]);
  });
});

describe("notices of a revoke are written in the revoke's transaction", () => {
  it("an admin's revoke queues its notice with the revoke", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    const id = await tokenExpiringIn(user, 30 * DAY, "ci");
    mail.refuseNext(1); // the immediate send fails: the row must be there for the job to retry
    expect((await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id } })).status).toBe(200);
    const notice = await db.notice.findFirstOrThrow({ where: { tokenId: id } });
    expect(notice).toMatchObject({ kind: "admin_revoke", recipient: user.email });
    await vi.waitFor(async () => expect((await db.notice.findUniqueOrThrow({ where: { id: notice.id } })).attempts).toBe(1));
  });

  it("a revoke whose notice can't be written is not made, and vice versa", async () => {
    const user = await createTestUser();
    const id = await tokenExpiringIn(user, 30 * DAY, "ci");
    const token = await db.token.findUniqueOrThrow({ where: { id } });
    const now = new Date();
    const crash = await revokeBySystem(id, "reported leaked", systemMeta(), { via: "test" }, now, {
      notice: async (tx) => {
        await leakNotice(token, "https://example.test/leak", now)(tx);
        throw new Error("crashed between the revoke and its notice");
      },
    }).catch((error: Error) => error.message);
    expect(crash).toBe("crashed between the revoke and its notice");
    expect((await db.token.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    expect(await db.notice.count({ where: { tokenId: id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: id, action: "token.revoke" } })).toBe(0);

    expect(await revokeBySystem(id, "reported leaked", systemMeta(), { via: "test" }, now, { notice: adminRevokeNotice(token, { email: "a@example.test" }, now) })).toBe(true);
    expect(await db.notice.findMany({ where: { tokenId: id }, select: { kind: true } })).toEqual([{ kind: "admin_revoke" }]);
    await vi.waitFor(() => expect(mail.to(user.email)).toHaveLength(1));
  });
});

describe("revoked by an admin", () => {
  it("mails the owner when an admin revokes their token, not when they revoke it themselves", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    const theirs = await tokenExpiringIn(user, 30 * DAY, "ci");
    const own = await tokenExpiringIn(user, 30 * DAY, "laptop");
    expect((await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: own } })).status).toBe(200);
    expect((await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id: theirs } })).status).toBe(200);
    await vi.waitFor(() => expect(mail.to(user.email)).toHaveLength(1));
    await runLifecycleJob(); // nothing left to send
    const [got] = mail.to(user.email);
    expect(got.subject).toBe('Your personal access token "ci" was revoked by an admin');
    expect(got.text).toContain(admin.email);
    expect(got.text).toContain(`/tokens/${theirs}`);
    expect(mail.to(user.email)).toHaveLength(1);
  });
});

describe("without mail settings", () => {
  it("attempts no mail", async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    reloadEnv();
    try {
      const user = await createTestUser();
      await tokenExpiringIn(user, 2 * DAY);
      const before = mail.inbox.length;
      expect(await queueExpiryNotices()).toBe(0);
      await runLifecycleJob();
      expect(mail.inbox.length).toBe(before);
      expect(await db.notice.count({ where: { token: { userId: user.id } } })).toBe(0);
    } finally {
      process.env.SMTP_URL = mail.url;
      process.env.MAIL_FROM = "PAT console <pat@example.test>";
      reloadEnv();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { queueExpiryNotices } from "@/lib/lifecycle/expiry-notices";
import { runLifecycleJob } from "@/lib/lifecycle/job";
import { deliverDueNotices } from "@/lib/lifecycle/notices";
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
    expect(got[0].subject).toBe('Your personal access token "deploy" expires in 7 days');
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
      'Your personal access token "deploy" expires in 7 days',
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
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    mail.refuseNext(1);
    const now = new Date();
    await runLifecycleJob(now);
    expect(mail.to(user.email)).toHaveLength(0);
    const failed = await db.notice.findFirstOrThrow({ where: { tokenId: id } });
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("Mailbox busy") });
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(errors.mock.calls.flat().join(" ")).toContain("will retry");
    errors.mockRestore();
    await runLifecycleJob(now); // not due yet: nothing is sent
    expect(mail.to(user.email)).toHaveLength(0);
    await runLifecycleJob(new Date(failed.nextAttemptAt.getTime() + 1000));
    expect(mail.to(user.email)).toHaveLength(1);
    expect(await db.notice.findFirstOrThrow({ where: { tokenId: id } })).toMatchObject({ status: "sent", attempts: 2 });
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

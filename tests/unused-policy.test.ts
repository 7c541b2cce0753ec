import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as unusedTokens from "@/app/api/v1/admin/unused-tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { db } from "@/lib/db";
import { loadEnv, reloadEnv } from "@/lib/env";
import { JOB_LOCK_KEY, runLifecycleJob } from "@/lib/lifecycle/job";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";
import { startMailServer } from "./mail-server";

const DAY = 86_400_000;
let mail: Awaited<ReturnType<typeof startMailServer>>;
let admin: TestUser;

beforeAll(async () => {
  mail = await startMailServer();
  process.env.SMTP_URL = mail.url;
  process.env.MAIL_FROM = "pat@example.test";
  reloadEnv();
  admin = await createAdmin();
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
  reloadEnv();
  await mail.close();
});

afterEach(async () => {
  await db.settings.deleteMany();
  await db.token.updateMany({ where: { revokedAt: null }, data: { revokedAt: new Date() } }); // each test sees only its own tokens
});

const policy = (body: Record<string, unknown>) =>
  call(settings.PUT, "/x", { method: "PUT", as: admin, body: { maxExpiration: "never", allowSsoPatCreation: true, ...body } });

async function tokenUsed(user: TestUser, lastUsedAt: Date | null, createdAt = new Date(Date.now() - 365 * DAY)) {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "old-ci", expiresIn: "never" } });
  expect(res.status).toBe(201);
  await db.token.update({ where: { id: res.json.token.id }, data: { lastUsedAt, createdAt } });
  return res.json.token.id as string;
}

describe("unused-token policy", () => {
  it("warns the owner 7 days before, then revokes with its reason, audited, once", async () => {
    expect((await policy({ unusedTokenDays: 30 })).status).toBe(200);
    const user = await createTestUser();
    const now = new Date();
    const id = await tokenUsed(user, new Date(now.getTime() - 25 * DAY));
    const fresh = await tokenUsed(user, new Date(now.getTime() - 2 * DAY));

    expect(await runLifecycleJob(now)).toMatchObject({ warned: 1, revoked: 0 });
    expect(mail.to(user.email).map((m) => m.subject)).toEqual(['Your personal access token "old-ci" will be revoked for not being used']);
    expect(mail.to(user.email)[0].text).toContain(`/tokens/${id}`);

    const preview = await call(unusedTokens.GET, "/x", { as: admin });
    expect(preview.status).toBe(200);
    const listed = preview.json.tokens.filter((t: { owner: { id: string } }) => t.owner.id === user.id);
    expect(listed).toEqual([expect.objectContaining({ id, rule: "unused", days: 30, warned: true, dueNow: false, reason: "revoked by policy: not used for 30 days" })]);

    const later = new Date(now.getTime() + 8 * DAY);
    expect(await runLifecycleJob(later)).toMatchObject({ revoked: 1 });
    expect(await runLifecycleJob(later)).toMatchObject({ warned: 0, revoked: 0 });
    const shown = await call(token.GET, "/x", { as: user, params: { id } });
    expect(shown.json).toMatchObject({ status: "revoked", revokedBy: null, revokedReason: "revoked by policy: not used for 30 days" });
    expect((await call(token.GET, "/x", { as: user, params: { id: fresh } })).json.status).toBe("active");
    const events = await db.auditEvent.findMany({ where: { targetId: id, action: "token.revoke" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].details!)).toMatchObject({ policy: "unused", days: 30, reason: "revoked by policy: not used for 30 days" });
    expect(mail.to(user.email).map((m) => m.subject)).toEqual([
      'Your personal access token "old-ci" will be revoked for not being used',
      'Your personal access token "old-ci" was revoked: not used for 30 days',
    ]);
  });

  it("never revokes without a 7-day warning first, even when long overdue", async () => {
    await policy({ unusedTokenDays: 30 });
    const user = await createTestUser();
    const now = new Date();
    const id = await tokenUsed(user, new Date(now.getTime() - 300 * DAY));
    expect(await runLifecycleJob(now)).toMatchObject({ warned: 1, revoked: 0 });
    expect(await runLifecycleJob(new Date(now.getTime() + 6 * DAY))).toMatchObject({ revoked: 0 });
    expect((await db.token.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    expect(await runLifecycleJob(new Date(now.getTime() + 7 * DAY + 1000))).toMatchObject({ revoked: 1 });
  });

  it("a use after the warning starts the count again", async () => {
    await policy({ unusedTokenDays: 60 });
    const user = await createTestUser();
    const now = new Date();
    const id = await tokenUsed(user, new Date(now.getTime() - 58 * DAY));
    await runLifecycleJob(now);
    await db.token.update({ where: { id }, data: { lastUsedAt: new Date(now.getTime() + DAY) } });
    expect(await runLifecycleJob(new Date(now.getTime() + 10 * DAY))).toMatchObject({ revoked: 0 });
  });

  it("revokes tokens never used N days after creation", async () => {
    await policy({ neverUsedTokenDays: 30 });
    const user = await createTestUser();
    const now = new Date();
    const unused = await tokenUsed(user, null, new Date(now.getTime() - 40 * DAY));
    await tokenUsed(user, new Date(now.getTime() - 200 * DAY), new Date(now.getTime() - 400 * DAY)); // used once: not this rule
    expect(await runLifecycleJob(now)).toMatchObject({ warned: 1 });
    expect(await runLifecycleJob(new Date(now.getTime() + 8 * DAY))).toMatchObject({ revoked: 1 });
    expect((await db.token.findUniqueOrThrow({ where: { id: unused } })).revokedReason).toBe("revoked by policy: never used in 30 days");
  });

  it("does nothing when off", async () => {
    const user = await createTestUser();
    await tokenUsed(user, new Date(Date.now() - 900 * DAY));
    expect(await runLifecycleJob(new Date(Date.now() + 30 * DAY))).toMatchObject({ warned: 0, revoked: 0 });
    expect((await call(unusedTokens.GET, "/x", { as: admin })).json).toEqual({ rules: { unusedTokenDays: "off", neverUsedTokenDays: "off" }, tokens: [] });
  });

  it("the dry run is for admins only", async () => {
    const user = await createTestUser();
    const res = await call(unusedTokens.GET, "/x", { as: user });
    expect(res.status).toBe(403);
    expectErrorShape(res.json);
  });
});

describe("the job", () => {
  it("runs one at a time", async () => {
    const results = await Promise.all([runLifecycleJob(), runLifecycleJob()]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const { database } = loadEnv();
    if (database.provider === "postgresql") {
      // Another instance holds the lock: this one skips its run.
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      try {
        await other.query("SELECT pg_advisory_lock($1)", [JOB_LOCK_KEY]);
        expect(await runLifecycleJob()).toBeNull();
        await other.query("SELECT pg_advisory_unlock($1)", [JOB_LOCK_KEY]);
        expect(await runLifecycleJob()).not.toBeNull();
      } finally {
        await other.end();
      }
    }
  });
});

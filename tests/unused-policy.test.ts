import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as unusedTokens from "@/app/api/v1/admin/unused-tokens/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { db } from "@/lib/db";
import { loadEnv, reloadEnv } from "@/lib/env";
import { JOB_LOCK_KEY, runLifecycleJob } from "@/lib/lifecycle/service/job";
import { applyUnusedPolicy, previewUnusedPolicy } from "@/lib/lifecycle/service/unused-policy";
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
  await db.token.update({ where: { id: res.json.token.id }, data: { lastUsedAt, createdAt, secretIssuedAt: createdAt } });
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

  it("counts a regenerated token from its new secret, not from its creation", async () => {
    await policy({ unusedTokenDays: 30, neverUsedTokenDays: 30 });
    const user = await createTestUser();
    const now = new Date();
    const id = await tokenUsed(user, new Date(now.getTime() - 2 * DAY)); // created 365 days ago, used 2 days ago
    const res = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id }, body: { expiresIn: "never" } });
    expect(res.status).toBe(200);
    expect(res.json.token.lastUsedAt).toBeNull();
    const row = await db.token.findUniqueOrThrow({ where: { id } });
    expect(row.secretIssuedAt.getTime()).toBeGreaterThan(row.createdAt.getTime() + 364 * DAY);
    expect(await runLifecycleJob(now)).toMatchObject({ warned: 0, revoked: 0 });
    expect(await runLifecycleJob(new Date(now.getTime() + 8 * DAY))).toMatchObject({ warned: 0, revoked: 0 });
    expect((await db.token.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    expect((await previewUnusedPolicy(new Date(now.getTime() + 8 * DAY))).tokens).toEqual([]);
    expect(mail.to(user.email)).toEqual([]);
    // Never used since that regenerate: the count runs from it.
    expect(await runLifecycleJob(new Date(now.getTime() + 24 * DAY))).toMatchObject({ warned: 1, revoked: 0 });
    expect(await db.notice.findFirst({ where: { tokenId: id }, select: { version: true } })).toEqual({ version: `unused:${row.secretIssuedAt.toISOString()}:${row.prefix}` });
  });

  it("revokes every due token in one run, past any number of pages", async () => {
    await policy({ unusedTokenDays: 30 });
    const user = await createTestUser();
    const now = new Date();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await tokenUsed(user, new Date(now.getTime() - 40 * DAY)));
    expect(await applyUnusedPolicy(now, 2)).toEqual({ warned: 5, revoked: 0 });
    expect(await applyUnusedPolicy(new Date(now.getTime() + 8 * DAY), 2)).toEqual({ warned: 0, revoked: 5 });
    expect(await db.token.count({ where: { id: { in: ids }, revokedAt: null } })).toBe(0);
  });

  it("the dry run lists at most its limit, soonest revoke first, and counts the rest", async () => {
    await policy({ unusedTokenDays: 30 });
    const user = await createTestUser();
    const now = new Date();
    const warned = [await tokenUsed(user, new Date(now.getTime() - 40 * DAY)), await tokenUsed(user, new Date(now.getTime() - 45 * DAY))];
    expect(await applyUnusedPolicy(new Date(now.getTime() - 3 * DAY))).toEqual({ warned: 2, revoked: 0 }); // revoked 4 days from now
    const later = [];
    for (const days of [28, 50, 60]) later.push(await tokenUsed(user, new Date(now.getTime() - days * DAY))); // 7 days from now
    const preview = await previewUnusedPolicy(now, 2);
    expect(preview.more).toBe(3);
    expect(preview.tokens.map((t) => t.id)).toEqual([...warned].sort());
    expect(preview.tokens.map((t) => t.revokeAt)).toEqual(Array(2).fill(new Date(now.getTime() + 4 * DAY).toISOString()));
    const all = await previewUnusedPolicy(now);
    expect(all.more).toBe(0);
    expect(all.tokens.map((t) => t.id)).toEqual([...[...warned].sort(), ...[...later].sort()]);
  });

  it("without mail settings still warns (a record shown in the console) and still waits 7 days to revoke", async () => {
    delete process.env.SMTP_URL;
    delete process.env.MAIL_FROM;
    reloadEnv();
    try {
      await policy({ unusedTokenDays: 30 });
      const user = await createTestUser();
      const now = new Date();
      const id = await tokenUsed(user, new Date(now.getTime() - 60 * DAY));
      expect(await runLifecycleJob(now)).toMatchObject({ warned: 1, revoked: 0, sent: 0 });
      expect(await runLifecycleJob(new Date(now.getTime() + 6 * DAY))).toMatchObject({ revoked: 0 });
      expect((await db.token.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
      expect(await runLifecycleJob(new Date(now.getTime() + 7 * DAY + 1000))).toMatchObject({ revoked: 1, sent: 0 });
      const notices = await db.notice.findMany({ where: { tokenId: id }, orderBy: { createdAt: "asc" }, select: { kind: true, status: true } });
      expect(notices).toEqual([
        { kind: "unused_warning", status: "skipped" },
        { kind: "policy_revoke", status: "skipped" },
      ]);
      expect(mail.to(user.email)).toEqual([]);
    } finally {
      process.env.SMTP_URL = mail.url;
      process.env.MAIL_FROM = "pat@example.test";
      reloadEnv();
    }
  });

  it("does nothing when off", async () => {
    const user = await createTestUser();
    await tokenUsed(user, new Date(Date.now() - 900 * DAY));
    expect(await runLifecycleJob(new Date(Date.now() + 30 * DAY))).toMatchObject({ warned: 0, revoked: 0 });
    expect((await call(unusedTokens.GET, "/x", { as: admin })).json).toEqual({ rules: { unusedTokenDays: "off", neverUsedTokenDays: "off" }, tokens: [], more: 0 });
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

// Self-rotation (POST /api/v1/tokens/self/rotate), grace periods and reuse detection, through
// the real handlers on a real database (SQLite or PostgreSQL).
import { afterEach, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as rotate from "@/app/api/v1/tokens/self/rotate/route";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import type { TokenResponse } from "@/lib/schemas/token";
import { tokenCache } from "@/lib/tokens/cache";
import { hashSecret } from "@/lib/tokens/format";
import { tokenSql } from "@/lib/tokens/sql";
import { MAX_REPLACED_PER_TOKEN } from "@/lib/tokens/replaced-secrets";
import { ONLY_CURRENT_SECRET, SESSION_CANT_ROTATE } from "@/lib/tokens/service/rotate-self";
import { checkToken } from "@/lib/tokens/service/verify";
import { call, createTestUser, expectErrorShape, type TestUser } from "./helpers";

const DAY = 86_400_000;
type Minted = { token: TokenResponse; secret: string };

let addresses = 0;
/** Each test calls from its own address: refusals count against an address (rate limit). */
const from = () => ({ [CLIENT_IP_HEADER]: `198.51.100.${++addresses}` });

async function newToken(owner: TestUser, body: Record<string, unknown> = {}): Promise<Minted> {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: owner, body: { name: "ci", expiresIn: "30d", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

const rotateWith = (secret: string, body?: unknown, headers = from()) => call(rotate.POST, "/api/v1/tokens/self/rotate", { method: "POST", token: secret, body, headers });
const meStatus = async (secret: string, headers = from()) => (await call(me.GET, "/api/v1/me", { token: secret, headers })).status;
const row = (id: string) => db.token.findUniqueOrThrow({ where: { id } });
const replaced = (id: string) => db.replacedSecret.findMany({ where: { tokenId: id }, orderBy: { replacedAt: "desc" } });

afterEach(async () => {
  await db.settings.deleteMany();
});

describe("POST /api/v1/tokens/self/rotate", () => {
  it("returns a new secret for the same token: id, name, description and scopes kept", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner, { name: "deploy", description: "CI of repo x", scopes: [{ entity: "tokens", operation: "read" }], expiresIn: "60d" });
    const res = await rotateWith(made.secret, { expiresIn: "60d" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(res.json).sort()).toEqual(["secret", "token"]);
    expect(res.json.secret).not.toBe(made.secret);
    expect(res.json.token).toMatchObject({ id: made.token.id, name: "deploy", description: "CI of repo x", status: "active", scopes: made.token.scopes });
    expect(res.json.token.prefix).not.toBe(made.token.prefix);
    expect(Math.abs(new Date(res.json.token.expiresAt).getTime() - (Date.now() + 60 * DAY))).toBeLessThan(60_000);
    expect(await meStatus(res.json.secret)).toBe(200);
    const event = await db.auditEvent.findFirst({ where: { action: "token.rotate", targetId: made.token.id } });
    expect(event).toMatchObject({ actorId: owner.id, outcome: "success", ip: "198.51.100.1" });
  });

  it("the body may be left out: the current secret's lifetime again, or the admin's maximum when shorter", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner, { expiresIn: "45d" });
    const res = await rotateWith(made.secret);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(Math.abs(new Date(res.json.token.expiresAt).getTime() - (Date.now() + 45 * DAY))).toBeLessThan(60_000);

    await db.settings.create({ data: { id: 1, maxExpiration: "7d" } });
    const capped = await rotateWith(res.json.secret);
    expect(capped.status, JSON.stringify(capped.json)).toBe(200);
    expect(Math.abs(new Date(capped.json.token.expiresAt).getTime() - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
  });

  it("never hands out a longer-lived secret: at most the current secret's lifetime, within the admin's maximum", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner, { expiresIn: "30d" });
    for (const body of [{ expiresIn: "never" }, { expiresIn: "60d" }, { expiresAt: new Date(Date.now() + 90 * DAY).toISOString() }, { expiresAt: new Date(Date.now() + 31 * DAY).toISOString() }]) {
      const res = await rotateWith(made.secret, body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.json.error.code).toBe("policy_violation");
      expect(res.json.error.message).toMatch(/can't rotate to a longer life than its secret was given \(30 days\)/);
    }
    expect(await meStatus(made.secret), "a refused rotation changes nothing").toBe(200);
    expect((await row(made.token.id)).secretHash).toBe(hashSecret(made.secret));

    const same = await rotateWith(made.secret, { expiresIn: "30d" });
    expect(same.status, JSON.stringify(same.json)).toBe(200);
    expect(Math.abs(new Date(same.json.token.expiresAt).getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    // The rotated secret's own lifetime is 30 days again: still no way to lengthen it.
    expect((await rotateWith(same.json.secret, { expiresIn: "60d" })).status).toBe(403);
    const omitted = await rotateWith(same.json.secret);
    expect(omitted.status, JSON.stringify(omitted.json)).toBe(200);
    expect(Math.abs(new Date(omitted.json.token.expiresAt).getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    // Up to an hour over (a daylight-saving change in a preset) is taken as the same lifetime,
    // exactly: lifetimes never creep.
    let secret = omitted.json.secret as string;
    for (let i = 0; i < 2; i++) {
      const over = await rotateWith(secret, { expiresAt: new Date(Date.now() + 30 * DAY + 50 * 60_000).toISOString() });
      expect(over.status, JSON.stringify(over.json)).toBe(200);
      expect(Math.abs(new Date(over.json.token.expiresAt).getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
      secret = over.json.secret;
    }
    const shorter = await rotateWith(secret, { expiresIn: "7d" });
    expect(shorter.status).toBe(200);
    expect((await rotateWith(shorter.json.secret, { expiresIn: "30d" })).status, "a 7-day secret stays a 7-day secret").toBe(403);
  });

  it("a regenerated token's lifetime counts from the regenerate, not its creation", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner, { expiresIn: "60d" });
    await call(revoke.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id } });
    // Revoked then regenerated (no replaced secret is kept): signed in, for 7 days.
    const regen = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body: { expiresIn: "7d" } });
    expect(regen.status, JSON.stringify(regen.json)).toBe(200);
    expect(await replaced(made.token.id)).toEqual([]);
    const res = await rotateWith(regen.json.secret, { expiresIn: "30d" });
    expect(res.status, JSON.stringify(res.json)).toBe(403);
    expect(res.json.error.message).toMatch(/\(7 days\)/);
  });

  it("only a token that never expires may rotate to never; the admin's maximum still applies", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner, { expiresIn: "never" });
    const never = await rotateWith(made.secret, { expiresIn: "never" });
    expect(never.status, JSON.stringify(never.json)).toBe(200);
    expect(never.json.token.expiresAt).toBeNull();
    const omitted = await rotateWith(never.json.secret);
    expect(omitted.status).toBe(200);
    expect(omitted.json.token.expiresAt).toBeNull();

    await db.settings.create({ data: { id: 1, maxExpiration: "30d" } });
    const refused = await rotateWith(omitted.json.secret, { expiresIn: "never" });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("policy_violation");
    const capped = await rotateWith(omitted.json.secret);
    expect(capped.status).toBe(200);
    expect(Math.abs(new Date(capped.json.token.expiresAt).getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
  });

  it("needs no scope: a token that may do nothing else may still rotate", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner, { scopes: [{ entity: "tokens", operation: "read" }] });
    await db.tokenScope.deleteMany({ where: { tokenId: made.token.id } });
    tokenCache.clear();
    const res = await rotateWith(made.secret);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.token.scopes).toEqual([]);
  });

  it("takes the token in any of the three ways; refuses a session cookie with 401 before reading the body", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const basic = await call(rotate.POST, "/x", { method: "POST", headers: { ...from(), authorization: `Basic ${Buffer.from(`:${made.secret}`).toString("base64")}` } });
    expect(basic.status, JSON.stringify(basic.json)).toBe(200);
    const header = await call(rotate.POST, "/x", { method: "POST", headers: { ...from(), "x-personal-token": basic.json.secret } });
    expect(header.status, JSON.stringify(header.json)).toBe(200);

    for (const body of [undefined, { expiresIn: "7d" }, { graceSeconds: "soon" }]) {
      const session = await call(rotate.POST, "/x", { method: "POST", as: owner, body, headers: from() });
      expect(session.status).toBe(401);
      expectErrorShape(session.json);
      expect(session.json.error).toEqual({ code: "unauthorized", message: SESSION_CANT_ROTATE });
      expect(session.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
    expect((await call(rotate.POST, "/x", { method: "POST", headers: from() })).json.error.code).toBe("unauthorized");
  });

  it("refuses bad bodies with 400: a grace over 24 hours, a negative or fractional one, both expiries, unknown fields", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const bodies = [
      { graceSeconds: 86_401 },
      { graceSeconds: -1 },
      { graceSeconds: 1.5 },
      { graceSeconds: "60" },
      { expiresIn: "7d", expiresAt: new Date(Date.now() + DAY).toISOString() },
      { expiresIn: "forever" },
      { name: "renamed" },
      [],
    ];
    for (const body of bodies) {
      const res = await rotateWith(made.secret, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(res.json);
    }
    const raw = await call(rotate.POST, "/x", { method: "POST", token: made.secret, rawBody: "{", headers: from() });
    expect([raw.status, raw.json.error.code]).toEqual([400, "invalid_json"]);
    expect((await rotateWith(made.secret, { graceSeconds: 86_400 })).status, "24 hours is allowed").toBe(200);
  });

  it("two rotations at once: one wins, the other gets 409, and one new secret works", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    await meStatus(made.secret); // cached, as a busy pipeline's token would be
    const results = await Promise.all(Array.from({ length: 6 }, () => rotateWith(made.secret, { graceSeconds: 600 })));
    const won = results.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status !== 200)) expect([lost.status, lost.json.error.code]).toEqual([409, "conflict"]);
    expect((await row(made.token.id)).secretHash).toBe(hashSecret(won[0].json.secret));
    expect(await replaced(made.token.id)).toHaveLength(1);
    expect(await meStatus(won[0].json.secret)).toBe(200);
  });

  it("only the current secret rotates: one in its grace period gets 409 and takes nothing over", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const first = await rotateWith(made.secret, { graceSeconds: 3600 });
    expect(first.status).toBe(200);
    expect(await meStatus(made.secret), "the old secret still works in its grace period").toBe(200);
    const again = await rotateWith(made.secret);
    expect([again.status, again.json.error]).toEqual([409, { code: "conflict", message: ONLY_CURRENT_SECRET }]);
    expect((await row(made.token.id)).secretHash).toBe(hashSecret(first.json.secret));
    expect(await meStatus(first.json.secret)).toBe(200);
  });
});

describe("grace periods", () => {
  it("none by default: the old secret is refused at once, and that use revokes the token", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const res = await rotateWith(made.secret);
    expect(await meStatus(res.json.secret)).toBe(200);
    const [old] = await replaced(made.token.id);
    expect(old.graceUntil.getTime()).toBe(old.replacedAt.getTime());

    const reuse = await call(me.GET, "/x", { token: made.secret, headers: { [CLIENT_IP_HEADER]: "192.0.2.44" } });
    expect(reuse.status).toBe(401);
    expect(reuse.json.error.code).toBe("invalid_token");
    expect(await meStatus(res.json.secret), "the new secret dies with it").toBe(401);
    expect(await row(made.token.id)).toMatchObject({ revokedReason: "secret_reuse", revokedById: null });
  });

  it("per call: the old secret works until graceUntil; used after it, the token is revoked with where and when", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const res = await rotateWith(made.secret, { graceSeconds: 600 });
    const [old] = await replaced(made.token.id);
    expect(old.graceUntil.getTime() - old.replacedAt.getTime()).toBe(600_000);
    expect(await meStatus(made.secret)).toBe(200);
    expect(await meStatus(res.json.secret)).toBe(200);

    // The lib function takes the time: one second before the end it works, at the end it is a reuse.
    const ip = { ip: "192.0.2.99" };
    expect((await checkToken(made.secret, new Date(old.graceUntil.getTime() - 1000), tokenCache, ip)).status).toBe("valid");
    expect((await checkToken(made.secret, old.graceUntil, tokenCache, ip)).status).toBe("revoked");

    expect(await meStatus(res.json.secret), "revoked, new secret included").toBe(401);
    const revoked = await call(token.GET, "/x", { as: owner, params: { id: made.token.id } });
    expect(revoked.json).toMatchObject({
      status: "revoked",
      revokedBy: null,
      revokedReason: "secret_reuse",
      revokedDetails: { ip: "192.0.2.99", at: old.graceUntil.toISOString() },
    });
    const events = await db.auditEvent.findMany({ where: { targetId: made.token.id, action: { in: ["token.reuse_detected", "token.revoke"] } } });
    expect(events.map((e) => e.action).sort()).toEqual(["token.reuse_detected", "token.revoke"]);
    const detected = events.find((e) => e.action === "token.reuse_detected")!;
    expect(detected).toMatchObject({ outcome: "failure", ip: "192.0.2.99", actorId: null, ownerId: owner.id });
    expect(JSON.parse(detected.details!)).toMatchObject({ ip: "192.0.2.99", at: old.graceUntil.toISOString() });

    // A second use finds it revoked: no second revoke, no second event.
    expect((await checkToken(made.secret, new Date(old.graceUntil.getTime() + 5000), tokenCache, ip)).status).toBe("revoked");
    expect(await db.auditEvent.count({ where: { targetId: made.token.id, action: "token.reuse_detected" } })).toBe(1);
  });

  it("the database's graceUntil is what counts, on a fresh lookup (another instance, an expired cache)", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const res = await rotateWith(made.secret, { graceSeconds: 3600 });
    expect(await tokenSql().readPrincipal(hashSecret(made.secret))).toMatchObject({ tokenId: made.token.id, revoked: false, graceUntil: expect.any(Date) });
    expect(await tokenSql().readPrincipal(hashSecret(res.json.secret))).toMatchObject({ tokenId: made.token.id, graceUntil: null });
    expect(await tokenSql().readPrincipal("f".repeat(64))).toBeNull();

    await db.replacedSecret.update({ where: { secretHash: hashSecret(made.secret) }, data: { graceUntil: new Date(Date.now() - 1000) } });
    tokenCache.clear();
    const reuse = await call(me.GET, "/x", { token: made.secret, headers: { [CLIENT_IP_HEADER]: "2001:db8::7" } });
    expect(reuse.status).toBe(401);
    expect(await meStatus(res.json.secret)).toBe(401);
    const after = await call(token.GET, "/x", { as: owner, params: { id: made.token.id } });
    expect(after.json.revokedDetails).toMatchObject({ ip: "2001:db8::7" });
  });

  it("per token: set on create and by PATCH, used when the call doesn't choose; the call's choice wins", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner, { rotationGraceSeconds: 300 });
    expect(made.token.rotationGraceSeconds).toBe(300);
    const patched = await call(token.PATCH, "/x", { method: "PATCH", as: owner, params: { id: made.token.id }, body: { rotationGraceSeconds: 7200 } });
    expect(patched.status, JSON.stringify(patched.json)).toBe(200);
    expect(patched.json).toMatchObject({ rotationGraceSeconds: 7200, name: "ci" });

    const first = await rotateWith(made.secret);
    let [old] = await replaced(made.token.id);
    expect(old.graceUntil.getTime() - old.replacedAt.getTime()).toBe(7_200_000);
    expect(await meStatus(made.secret)).toBe(200);

    const second = await rotateWith(first.json.secret, { graceSeconds: 60 });
    [old] = await replaced(made.token.id);
    expect(old.graceUntil.getTime() - old.replacedAt.getTime()).toBe(60_000);
    expect(second.json.token.rotationGraceSeconds).toBe(7200);

    const cleared = await call(token.PATCH, "/x", { method: "PATCH", as: owner, params: { id: made.token.id }, body: { rotationGraceSeconds: null } });
    expect(cleared.json.rotationGraceSeconds).toBeNull();
    for (const body of [{ rotationGraceSeconds: 86_401 }, { rotationGraceSeconds: -5 }, { rotationGraceSeconds: "1h" }]) {
      const bad = await call(token.PATCH, "/x", { method: "PATCH", as: owner, params: { id: made.token.id }, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      const create = await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: "x", expiresIn: "7d", ...body } });
      expect(create.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("regenerate records the replaced secret too", () => {
  it("with graceSeconds on the call; reuse after the grace revokes the token", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const res = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body: { expiresIn: "7d", graceSeconds: 120 } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const [old] = await replaced(made.token.id);
    expect(old).toMatchObject({ secretHash: hashSecret(made.secret) });
    expect(old.graceUntil.getTime() - old.replacedAt.getTime()).toBe(120_000);
    expect(await meStatus(made.secret)).toBe(200);
    const event = await db.auditEvent.findFirst({ where: { action: "token.regenerate", targetId: made.token.id } });
    expect(JSON.parse(event!.details!)).toMatchObject({ oldSecretWorksUntil: old.graceUntil.toISOString() });

    expect((await checkToken(made.secret, new Date(old.graceUntil.getTime() + 1), tokenCache, { ip: "192.0.2.5" })).status).toBe("revoked");
    expect(await meStatus(res.json.secret)).toBe(401);
    expect(await row(made.token.id)).toMatchObject({ revokedReason: "secret_reuse" });
    for (const body of [{ expiresIn: "7d", graceSeconds: 86_401 }, { expiresIn: "7d", graceSeconds: -1 }]) {
      expect((await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body })).status).toBe(400);
    }
  });

  it("without a grace the old secret is refused at once and its use revokes; the owner can regenerate, and old secrets are then just unknown", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    const first = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body: { expiresIn: "7d" } });
    expect(await meStatus(made.secret)).toBe(401);
    expect(await meStatus(first.json.secret)).toBe(401);
    expect(await db.auditEvent.count({ where: { targetId: made.token.id, action: "token.reuse_detected" } })).toBe(1);

    // The owner recovers: the revoked token's replaced secrets are forgotten, so the leaked one
    // can't revoke the new secret again.
    const fresh = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body: { expiresIn: "7d" } });
    expect(fresh.status, JSON.stringify(fresh.json)).toBe(200);
    expect(fresh.json.token).toMatchObject({ status: "active", revokedReason: null, revokedDetails: null });
    expect(await replaced(made.token.id)).toEqual([]);
    expect(await meStatus(made.secret)).toBe(401);
    expect(await meStatus(first.json.secret)).toBe(401);
    expect(await meStatus(fresh.json.secret)).toBe(200);
    expect(await db.auditEvent.count({ where: { targetId: made.token.id, action: "token.reuse_detected" } })).toBe(1);
  });

  it("a revoked or expired secret is not recorded: its use after a regenerate is an unknown token, not a leak", async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    await call(revoke.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id } });
    const res = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body: { expiresIn: "7d" } });
    expect(await replaced(made.token.id)).toEqual([]);
    expect(await meStatus(made.secret)).toBe(401);
    expect(await meStatus(res.json.secret)).toBe(200);

    const expired = await newToken(owner);
    await db.token.update({ where: { id: expired.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    tokenCache.clear();
    const revived = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: expired.token.id }, body: { expiresIn: "7d" } });
    expect(await replaced(expired.token.id)).toEqual([]);
    expect(await meStatus(expired.secret)).toBe(401);
    expect(await meStatus(revived.json.secret)).toBe(200);
  });

  it(`keeps the ${MAX_REPLACED_PER_TOKEN} newest replaced secrets of a token`, async () => {
    const owner = await createTestUser();
    const made = await newToken(owner);
    let secret = made.secret;
    const secrets = [secret];
    for (let i = 0; i < MAX_REPLACED_PER_TOKEN + 3; i++) {
      const res = await rotateWith(secret, { graceSeconds: 3600 });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      secret = res.json.secret;
      secrets.push(secret);
    }
    const kept = await replaced(made.token.id);
    expect(kept).toHaveLength(MAX_REPLACED_PER_TOKEN);
    expect(new Set(kept.map((r) => r.secretHash))).toEqual(new Set(secrets.slice(3, -1).map(hashSecret)));
    tokenCache.clear();
    expect(await meStatus(secrets[0]), "dropped: unknown").toBe(401);
    expect(await meStatus(secrets[3]), "kept: still in its grace").toBe(200);
    expect((await row(made.token.id)).revokedAt).toBeNull();
  });
});

// Security review, round three: what a replaced secret may
// do, revoking one by its value, the caller-bounds rule on PATCH, the admin's revoke that stands,
// webhooks bound to a replaced secret, and the path and address a reuse is recorded with.
// Each case here worked against the console before (through the real handlers, on either engine).
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import * as hooks from "@/app/api/hooks/[...path]/route";
import * as settings from "@/app/api/v1/admin/settings/route";
import * as me from "@/app/api/v1/me/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as oauthRevoke from "@/app/api/v1/oauth/revoke/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as scopes from "@/app/api/v1/tokens/[id]/scopes/route";
import * as rotate from "@/app/api/v1/tokens/self/rotate/route";
import * as users from "@/app/api/v1/users/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import { noticeMail } from "@/lib/notices/mail-text";
import { tokenCache } from "@/lib/tokens/cache";
import { REPLACED_SECRET_READ_ONLY } from "@/lib/tokens/service/caller-bounds";
import { REVOKED_BY_ANOTHER } from "@/lib/tokens/regenerate-rule";
import { REPLACED_SECRET_CANT_BIND } from "@/lib/webhooks/service";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";

let addresses = 0;
/** Each test calls from its own address: refusals count against an address (rate limit). */
const from = () => ({ [CLIENT_IP_HEADER]: `192.0.2.${++addresses}` });
const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded", ...from() },
});

async function newToken(owner: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(tokens.POST, "/x", { method: "POST", as: owner, body: { name: "t", expiresIn: "30d", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { token: { id: string; expiresAt: string | null }; secret: string };
}

/** A token whose secret was rotated with a grace period: `old` still authenticates. */
async function rotated(owner: TestUser, body: Record<string, unknown> = {}, graceSeconds = 3600) {
  const made = await newToken(owner, { scopes: "all", ...body });
  const res = await call(rotate.POST, "/x", { method: "POST", token: made.secret, body: { graceSeconds }, headers: from() });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return { id: made.token.id, old: made.secret, current: res.json.secret as string };
}

const meStatus = async (secret: string) => (await call(me.GET, "/x", { token: secret, headers: from() })).status;
const row = (id: string) => db.token.findUniqueOrThrow({ where: { id } });

/** The replaced secrets of a token end their grace now (as if the clock had moved on). */
async function endGrace(id: string) {
  await db.replacedSecret.updateMany({ where: { tokenId: id }, data: { graceUntil: new Date(Date.now() - 1000) } });
  tokenCache.clear();
}

afterEach(async () => {
  await db.settings.deleteMany();
});

describe("a replaced secret in its grace period reads, and writes nothing (item 1)", () => {
  it("can't change the allowlist or grace, delete tokens or scopes, or write webhooks, users and settings", async () => {
    const owner = await createAdmin();
    const { id, old, current } = await rotated(owner);
    const other = await newToken(owner, { scopes: [{ entity: "tokens", operation: "read" }] });
    const writes = [
      await call(token.PATCH, "/x", { method: "PATCH", token: old, params: { id }, body: { allowedIps: ["198.51.100.1"], rotationGraceSeconds: 86400 }, headers: from() }),
      await call(tokens.DELETE, "/x", { method: "DELETE", token: old, headers: from() }),
      await call(token.DELETE, "/x", { method: "DELETE", token: old, params: { id: other.token.id }, headers: from() }),
      await call(revoke.POST, "/x", { method: "POST", token: old, params: { id: other.token.id }, headers: from() }),
      await call(scopes.DELETE, "/x", { method: "DELETE", token: old, params: { id: other.token.id }, headers: from() }),
      await call(scopes.POST, "/x", { method: "POST", token: old, params: { id: other.token.id }, body: { entity: "tokens", operation: "list" }, headers: from() }),
      await call(webhooks.POST, "/x", { method: "POST", token: old, body: { title: "x", path: `p-${crypto.randomUUID().slice(0, 8)}`, authMethod: "none" }, headers: from() }),
      await call(users.POST, "/x", { method: "POST", token: old, body: { email: `${crypto.randomUUID()}@example.test`, name: "N", password: "a-long-password-1" }, headers: from() }),
      await call(settings.PUT, "/x", { method: "PUT", token: old, body: { maxExpiration: "90d" }, headers: from() }),
    ];
    for (const res of writes) {
      expect(res.status, JSON.stringify(res.json)).toBe(409);
      expect(res.json.error).toEqual({ code: "conflict", message: REPLACED_SECRET_READ_ONLY });
      expectErrorShape(res.json);
    }
    // Nothing changed: the token keeps no allowlist and its grace setting, the other token and its scope are there.
    expect(await row(id)).toMatchObject({ allowedIps: null, rotationGraceSeconds: null, revokedAt: null });
    expect(await row(other.token.id)).toMatchObject({ revokedAt: null });
    expect(await db.tokenScope.count({ where: { tokenId: other.token.id } })).toBe(1);
    // It still reads, and the owner's current secret works from anywhere.
    expect((await call(token.GET, "/x", { token: old, params: { id }, headers: from() })).status).toBe(200);
    expect((await call(tokens.GET, "/x", { token: old, headers: from() })).status).toBe(200);
    expect(await meStatus(old)).toBe(200);
    expect(await meStatus(current)).toBe(200);
  });

  it("the current secret still writes", async () => {
    const owner = await createAdmin();
    const { id, current } = await rotated(owner);
    const res = await call(token.PATCH, "/x", { method: "PATCH", token: current, params: { id }, body: { name: "renamed" }, headers: from() });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  });
});

describe("RFC 7009 revocation by a replaced secret (item 2)", () => {
  it("revokes the whole token: the old secret and the current one stop working", async () => {
    const owner = await createTestUser();
    const { id, old, current } = await rotated(owner);
    const res = await call(oauthRevoke.POST, "/x", { method: "POST", ...form({ token: old }) });
    expect(res.status).toBe(200);
    expect((await row(id)).revokedAt).not.toBeNull();
    expect(await meStatus(old)).toBe(401);
    expect(await meStatus(current)).toBe(401);
    const event = await db.auditEvent.findFirst({ where: { action: "token.revoke", targetId: id } });
    expect(JSON.parse(event!.details!)).toMatchObject({ via: "revocation endpoint", secret: "replaced" });
  });
});

describe("PATCH through a token applies the caller-bounds rule (item 3)", () => {
  it("a tokens:update token can't strip a stronger token's allowlist or lengthen its grace", async () => {
    const owner = await createTestUser();
    const strong = await newToken(owner, { scopes: "all", allowedIps: ["198.51.100.0/24"] });
    const caller = await newToken(owner, { scopes: [{ entity: "tokens", operation: "update" }] });
    for (const body of [{ allowedIps: null }, { rotationGraceSeconds: 86400 }, { name: "mine now" }]) {
      const res = await call(token.PATCH, "/x", { method: "PATCH", token: caller.secret, params: { id: strong.token.id }, body, headers: from() });
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.json.error.code).toBe("insufficient_scope");
      expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    }
    expect(await row(strong.token.id)).toMatchObject({ allowedIps: JSON.stringify(["198.51.100.0/24"]), rotationGraceSeconds: null, name: "t" });
  });

  it("a target that fits inside the caller may be changed", async () => {
    const owner = await createTestUser();
    const target = await newToken(owner, { scopes: [{ entity: "tokens", operation: "update" }] });
    const caller = await newToken(owner, { scopes: [{ entity: "tokens", operation: "update" }] });
    const res = await call(token.PATCH, "/x", { method: "PATCH", token: caller.secret, params: { id: target.token.id }, body: { rotationGraceSeconds: 300 }, headers: from() });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  });
});

describe("introspection of a replaced secret (item 5)", () => {
  it("answers exp = the end of its grace period, not the token's expiry", async () => {
    const owner = await createTestUser();
    const admin = await createAdmin();
    const { id, old } = await rotated(owner, {}, 3600);
    const res = await call(introspectRoute.POST, "/x", { method: "POST", as: admin, body: { token: old } });
    expect(res.json.active).toBe(true);
    const [replaced] = await db.replacedSecret.findMany({ where: { tokenId: id } });
    expect(res.json.exp).toBe(Math.floor(replaced.graceUntil.getTime() / 1000));
  });
});

describe("an admin's revoke stands (item 6)", () => {
  for (const first of ["owner", "secret holder"] as const) {
    it(`after the ${first} revoked it: recorded, and the owner's regenerate is refused`, async () => {
      const owner = await createTestUser();
      const admin = await createAdmin();
      const made = await newToken(owner);
      if (first === "owner") expect((await call(revoke.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id } })).status).toBe(200);
      else expect((await call(oauthRevoke.POST, "/x", { method: "POST", ...form({ token: made.secret }) })).status).toBe(200);
      const res = await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id: made.token.id } });
      expect(res.status).toBe(200);
      expect(res.json.revokedBy).toMatchObject({ id: admin.id });
      const events = await db.auditEvent.findMany({ where: { action: "token.revoke", targetId: made.token.id }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => e.actorId)).toEqual([first === "owner" ? owner.id : null, admin.id]);
      const again = await call(regenerate.POST, "/x", { method: "POST", as: owner, params: { id: made.token.id }, body: { expiresIn: "7d" } });
      expect(again.status).toBe(409);
      expect(again.json.error.message).toBe(REVOKED_BY_ANOTHER);
      expect((await row(made.token.id)).revokedAt).not.toBeNull();
    });
  }
});

async function deliver(path: string, secret: string) {
  const req = new NextRequest(`http://localhost:3000/api/hooks/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}`, ...from() },
    body: '{"event":"deploy"}',
  });
  return (await hooks.POST(req, { params: Promise.resolve({ path: path.split("/") }) })).status;
}

describe("webhooks bound to a secret the owner replaced (item 9)", () => {
  it("a delivery with the replaced secret after its grace is refused, and never revokes the owner's token", async () => {
    const admin = await createAdmin();
    const made = await newToken(admin);
    const path = `ci/${crypto.randomUUID().slice(0, 8)}`;
    const created = await call(webhooks.POST, "/x", { method: "POST", as: admin, body: { title: "Deploys", path, authMethod: "token", secretToken: made.secret } });
    expect(created.status).toBe(201);
    const regenerated = await call(regenerate.POST, "/x", { method: "POST", as: admin, params: { id: made.token.id }, body: { expiresIn: "7d" } });
    expect(regenerated.status).toBe(200);
    expect(await deliver(path, made.secret)).toBe(401);
    expect((await row(made.token.id)).revokedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { action: "token.reuse_detected", targetId: made.token.id } })).toBe(0);
    expect(await meStatus(regenerated.json.secret)).toBe(200);
  });

  it("GET /api/v1/tokens/:id names the endpoints that use the token's secret, before and after a regenerate", async () => {
    const admin = await createAdmin();
    const made = await newToken(admin);
    const path = `ci/${crypto.randomUUID().slice(0, 8)}`;
    const created = await call(webhooks.POST, "/x", { method: "POST", as: admin, body: { title: "Deploys", path, authMethod: "token", secretToken: made.secret } });
    const expected = [{ id: created.json.id, title: "Deploys", path }];
    expect((await call(token.GET, "/x", { as: admin, params: { id: made.token.id } })).json.webhooks).toEqual(expected);
    await call(regenerate.POST, "/x", { method: "POST", as: admin, params: { id: made.token.id }, body: { expiresIn: "7d", graceSeconds: 3600 } });
    expect((await call(token.GET, "/x", { as: admin, params: { id: made.token.id } })).json.webhooks).toEqual(expected);
    const unbound = await newToken(admin);
    expect((await call(token.GET, "/x", { as: admin, params: { id: unbound.token.id } })).json.webhooks).toEqual([]);
  });

  it("an endpoint can't be bound to a replaced secret, even in its grace period", async () => {
    const admin = await createAdmin();
    const { old } = await rotated(admin);
    const res = await call(webhooks.POST, "/x", {
      method: "POST",
      as: admin,
      body: { title: "Deploys", path: `ci/${crypto.randomUUID().slice(0, 8)}`, authMethod: "token", secretToken: old },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe(REPLACED_SECRET_CANT_BIND);
  });
});

describe("a reuse is recorded with the address and the path that saw it (item 10)", () => {
  it("introspection: the asking service's address, and via introspection", async () => {
    const owner = await createTestUser();
    const admin = await createAdmin();
    const { id, old } = await rotated(owner);
    await endGrace(id);
    const res = await call(introspectRoute.POST, "/x", { method: "POST", as: admin, body: { token: old }, headers: { [CLIENT_IP_HEADER]: "198.51.100.77" } });
    expect(res.json).toEqual({ active: false });
    expect(JSON.parse((await row(id)).revokedDetails!)).toMatchObject({ ip: "198.51.100.77", via: "introspection" });
    const event = await db.auditEvent.findFirst({ where: { action: "token.reuse_detected", targetId: id } });
    expect(event).toMatchObject({ ip: "198.51.100.77" });
    expect(JSON.parse(event!.details!)).toMatchObject({ ip: "198.51.100.77", via: "introspection" });
  });

  it("the exchange: the caller's address, and via exchange", async () => {
    const owner = await createTestUser();
    const { id, old } = await rotated(owner);
    await endGrace(id);
    const body = { grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: old, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" };
    const res = await call(exchange.POST, "/x", { method: "POST", body, headers: { [CLIENT_IP_HEADER]: "198.51.100.78" } });
    expect(res.status).toBe(400);
    expect(JSON.parse((await row(id)).revokedDetails!)).toMatchObject({ ip: "198.51.100.78", via: "exchange" });
  });

  it("the owner's notice names the path", () => {
    const mail = noticeMail("secret_reuse", "tok", "o@example.test", { tokenName: "ci", prefix: "pat_x", ip: "198.51.100.77", at: new Date().toISOString(), via: "introspection" });
    expect(mail.text).toContain("from 198.51.100.77 when a service asked the console whether it was valid (introspection) on");
  });
});

import Database from "better-sqlite3";
import pg from "pg";
import { readFileSync, existsSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as users from "@/app/api/v1/users/[id]/route";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { tokenCache } from "@/lib/tokens/cache";
import { checksum } from "@/lib/tokens/format";
import { flushUses } from "@/lib/tokens/service/last-use";
import { createToken } from "@/lib/tokens/service/create-token";
import type { TokenResponse } from "@/lib/schemas/token";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";

/** Every Bearer challenge names the API's protected-resource metadata (RFC 9728 section 5.1). */
const RESOURCE_METADATA = 'resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource"';

const SECRET_RE = /^pat_[0-9A-Za-z]{32}[0-9A-Za-z]{6}$/;
const DAY = 86_400_000;

async function newToken(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ci", expiresIn: "30d", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { token: TokenResponse; secret: string };
}

const meWith = (headers: Record<string, string>) => call(me.GET, "/api/v1/me", { headers });

afterEach(async () => {
  await db.settings.deleteMany();
});

describe("POST /api/v1/tokens", () => {
  it("creates a token and shows its secret once", async () => {
    const user = await createTestUser();
    const before = Date.now();
    const res = await call(tokens.POST, "/api/v1/tokens", {
      method: "POST",
      as: user,
      body: { name: "  deploy bot  ", description: "CI deploys", expiresIn: "30d" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { token: t, secret } = res.json;
    expect(secret).toMatch(SECRET_RE);
    expect(Object.keys(t).sort()).toEqual(
      ["allowedIps", "approval", "createdAt", "description", "expiresAt", "id", "lastUsedAt", "lastUsedIp", "name", "owner", "prefix", "revokedAt", "revokedBy", "revokedDetails", "revokedReason", "rotationGraceSeconds", "scopes", "status"].sort(),
    );
    expect(t).toMatchObject({ name: "deploy bot", description: "CI deploys", status: "active", scopes: "all", revokedAt: null, lastUsedAt: null, approval: null });
    expect(secret.startsWith(t.prefix)).toBe(true);
    expect(t.prefix).toHaveLength(12);
    const expires = new Date(t.expiresAt).getTime();
    expect(expires - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * DAY);

    // Never again: not in the list, not in the detail.
    const list = await call(tokens.GET, "/api/v1/tokens", { as: user });
    expect(JSON.stringify(list.json)).not.toContain(secret);
    const one = await call(token.GET, "/x", { as: user, params: { id: t.id } });
    expect(JSON.stringify(one.json)).not.toContain(secret.slice(12));
  });

  it("accepts every preset and a custom date", async () => {
    const user = await createTestUser();
    for (const expiresIn of ["7d", "30d", "45d", "60d", "1y"]) {
      const { token: t } = await newToken(user, { expiresIn });
      expect(t.status).toBe("active");
    }
    const never = await newToken(user, { expiresIn: "never" });
    expect(never.token.expiresAt).toBeNull();
    const at = new Date(Date.now() + 10 * DAY).toISOString();
    const custom = await newToken(user, { expiresIn: undefined, expiresAt: at });
    expect(custom.token.expiresAt).toBe(at);
  });

  it.each([
    ["a missing name", { expiresIn: "7d" }, /Token name is required/],
    ["an empty name", { name: "   ", expiresIn: "7d" }, /Token name is required/],
    ["a name over 100 characters", { name: "x".repeat(101), expiresIn: "7d" }, /at most 100/],
    ["a number as name", { name: 5, expiresIn: "7d" }, /name/],
    ["an unknown expiresIn", { name: "a", expiresIn: "2d" }, /Expiration must be one of/],
    ["no expiration at all", { name: "a" }, /Choose an expiration/],
    ["both expiresIn and expiresAt", { name: "a", expiresIn: "7d", expiresAt: "2099-01-01T00:00:00Z" }, /Choose an expiration/],
    ["an invalid expiresAt", { name: "a", expiresAt: "next tuesday" }, /ISO 8601/],
    ["a past expiresAt", { name: "a", expiresAt: "2001-01-01T00:00:00Z" }, /in the future/],
    ["unknown scopes", { name: "a", expiresIn: "7d", scopes: "root" }, /scopes/],
    ["an unknown field", { name: "a", expiresIn: "7d", userId: "someone-else" }, /userId|Unrecognized/i],
  ])("refuses %s with a 400", async (_label, body, message) => {
    const user = await createTestUser();
    const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body });
    expect(res.status).toBe(400);
    expectErrorShape(res.json);
    expect(res.json.error.message).toMatch(message);
  });

  it("refuses malformed JSON with a 400", async () => {
    const user = await createTestUser();
    for (const rawBody of ["{", "name=x", "", "null"]) {
      const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, rawBody });
      expect(res.status, rawBody).toBe(400);
      expectErrorShape(res.json);
    }
  });

  it("refuses expirations over the admin maximum, whatever the client sends", async () => {
    const user = await createTestUser();
    await db.settings.create({ data: { id: 1, maxExpiration: "30d" } });
    for (const body of [{ expiresIn: "never" }, { expiresIn: "1y" }, { expiresIn: "45d" }, { expiresAt: new Date(Date.now() + 31 * DAY).toISOString() }]) {
      const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "a", ...body } });
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.json.error.code).toBe("policy_violation");
      expect(res.json.error.message).toMatch(/30 days/);
    }
    expect((await newToken(user, { expiresIn: "30d" })).token.status).toBe("active");
  });

  it("refuses SSO users when an admin turned their tokens off", async () => {
    const sso = await createTestUser({ kind: "sso" });
    await db.settings.create({ data: { id: 1, allowSsoPatCreation: false } });
    const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: sso, body: { name: "a", expiresIn: "7d" } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("policy_violation");
  });
});

describe("authenticating with a token", () => {
  it("accepts Bearer, Basic with an empty user, and X-Personal-Token", async () => {
    const user = await createTestUser();
    const { secret, token: t } = await newToken(user);
    const forms: Record<string, string>[] = [
      { authorization: `Bearer ${secret}` },
      { authorization: `bearer ${secret}` },
      { authorization: `Basic ${Buffer.from(`:${secret}`).toString("base64")}` },
      { "x-personal-token": secret },
      { authorization: `Bearer ${secret}`, "x-personal-token": secret },
    ];
    for (const headers of forms) {
      const res = await meWith(headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(res.json.id).toBe(user.id);
      expect(res.headers.get("x-token-expires-at")).toBe(t.expiresAt);
    }
  });

  it.each([
    ["Bearer garbage", { authorization: "Bearer garbage" }],
    ["a bad checksum", { authorization: "Bearer pat_" + "a".repeat(32) + "AAAAAA" }],
    ["Basic with a user name that is not the token's id", { authorization: `Basic ${Buffer.from("bob:pat_x").toString("base64")}` }],
    ["binary junk", { "x-personal-token": "\u00ff\u00fe\u0001\u0002" }],
  ])("refuses %s with 401 invalid_token", async (_label, headers) => {
    const res = await meWith(headers);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("invalid_token");
    expect(res.json.error.details.reason).toBe("malformed");
    expect(res.headers.get("www-authenticate")).toBe(`Bearer error="invalid_token", error_description="${res.json.error.message}", ${RESOURCE_METADATA}`);
  });

  // RFC 6750 3.1: credentials that can't be read are a bad request, not a bad token.
  it.each([
    ["an unsupported scheme", { authorization: "Digest abc" }],
    ["Basic that is not base64", { authorization: "Basic !!!" }],
    ["Basic without a colon", { authorization: `Basic ${Buffer.from("pat_x").toString("base64")}` }],
    ["Bearer with no token", { authorization: "Bearer" }],
    ["two Authorization headers", { authorization: "Bearer a, Bearer b" }],
    ["a huge header", { "x-personal-token": "p".repeat(10_000) }],
  ])("refuses %s with 400 invalid_request", async (_label, headers) => {
    const res = await meWith(headers);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_request");
    expect(res.headers.get("www-authenticate")).toBe(`Bearer error="invalid_request", error_description="${res.json.error.message}", ${RESOURCE_METADATA}`);
  });

  it("quotes the description in a challenge so that it stays one header value", async () => {
    const bad = await meWith({ authorization: 'Bad"Scheme x' });
    expect(bad.json.error.message).toBe(`Unsupported authorization scheme 'Bad"Scheme'`);
    expect(bad.headers.get("www-authenticate")).toBe(`Bearer error="invalid_request", error_description="Unsupported authorization scheme 'Bad\\"Scheme'", ${RESOURCE_METADATA}`);
  });

  it("takes the token as a Basic password with its own id as user, form-urlencoded (RFC 6749 2.3.1)", async () => {
    const user = await createTestUser();
    const { secret, token: t } = await newToken(user);
    const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}` });
    expect((await meWith(basic(t.id, secret))).status).toBe(200);
    expect((await meWith(basic(encodeURIComponent(t.id), encodeURIComponent(secret)))).status).toBe(200);
    const other = await newToken(user);
    const wrongId = await meWith(basic(other.token.id, secret));
    expect(wrongId.status).toBe(401);
    expect(wrongId.json.error.code).toBe("invalid_token");
  });

  it("refuses a well-formed but unknown token, and two different tokens", async () => {
    const body = "pat_" + "Z".repeat(32);
    const res = await meWith({ authorization: `Bearer ${body}${checksum(body)}` });
    expect(res.status).toBe(401);
    expect(res.json.error.details.reason).toBe("unknown");
    const user = await createTestUser();
    const a = await newToken(user);
    const b = await newToken(user);
    const both = await meWith({ authorization: `Bearer ${a.secret}`, "x-personal-token": b.secret });
    expect(both.status).toBe(400);
    expect(both.json.error).toMatchObject({ code: "invalid_request", message: "Two different tokens were sent" });
    expect(both.headers.get("www-authenticate")).toBe(`Bearer error="invalid_request", error_description="Two different tokens were sent", ${RESOURCE_METADATA}`);
  });

  it("refuses expired tokens, revoked tokens and disabled owners", async () => {
    const user = await createTestUser();
    const expired = await createToken({ user: { id: user.id, kind: "internal", roles: ["user"] }, token: null }, { name: "old", expiresIn: "7d", scopes: "all" }, new Date(Date.now() - 8 * DAY));
    const r1 = await meWith({ authorization: `Bearer ${expired.secret}` });
    expect(r1.status).toBe(401);
    expect(r1.json.error.details.reason).toBe("expired");

    const { secret, token: t } = await newToken(user);
    expect((await meWith({ authorization: `Bearer ${secret}` })).status).toBe(200); // now cached
    await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: t.id } });
    const r2 = await meWith({ authorization: `Bearer ${secret}` });
    expect(r2.status).toBe(401);
    expect(r2.json.error.details.reason).toBe("revoked");

    const other = await newToken(user);
    expect((await meWith({ "x-personal-token": other.secret })).status).toBe(200);
    const admin = await createAdmin();
    await call(users.PATCH, "/x", { method: "PATCH", as: admin, params: { id: user.id }, body: { disabled: true } });
    const r3 = await meWith({ "x-personal-token": other.secret });
    expect(r3.status).toBe(401);
    expect(r3.json.error.details.reason).toBe("owner_disabled");
  });

  it("refuses a bad checksum without any database query", async () => {
    const user = await createTestUser();
    const { secret } = await newToken(user);
    // At the driver: better-sqlite3 statements (prepared once, then run) and the pg Pool.
    const statement = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1"));
    const spies = [
      vi.spyOn(Database.prototype, "prepare"),
      vi.spyOn(statement, "get"),
      vi.spyOn(statement, "all"),
      vi.spyOn(pg.Pool.prototype, "query"),
    ];
    const queries = () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
    try {
      tokenCache.clear();
      const tampered = secret.slice(0, 10) + (secret[10] === "a" ? "b" : "a") + secret.slice(11);
      const res = await meWith({ authorization: `Bearer ${tampered}` });
      expect(res.status).toBe(401);
      expect(queries()).toBe(0);
      // The control: a good token does reach the database when it is not cached.
      expect((await meWith({ authorization: `Bearer ${secret}` })).status).toBe(200);
      expect(queries()).toBeGreaterThan(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("records last use (time and IP) at most once a minute", async () => {
    const user = await createTestUser();
    const { secret, token: t } = await newToken(user);
    await meWith({ authorization: `Bearer ${secret}`, "x-pat-client-ip": "198.51.100.4" });
    await flushUses();
    const first = await call(token.GET, "/x", { as: user, params: { id: t.id } });
    expect(first.json.lastUsedIp).toBe("198.51.100.4");
    expect(Date.now() - new Date(first.json.lastUsedAt).getTime()).toBeLessThan(60_000);
    const writes = vi.spyOn(db, "$executeRawUnsafe");
    try {
      for (let i = 0; i < 5; i++) await meWith({ authorization: `Bearer ${secret}`, "x-pat-client-ip": "192.0.2.9" });
      await flushUses();
      expect(writes).not.toHaveBeenCalled();
    } finally {
      writes.mockRestore();
    }
    const second = await call(token.GET, "/x", { as: user, params: { id: t.id } });
    expect(second.json.lastUsedAt).toBe(first.json.lastUsedAt);
  });

  it("lets a token manage its owner's tokens", async () => {
    const user = await createTestUser();
    const { secret } = await newToken(user);
    const created = await call(tokens.POST, "/api/v1/tokens", { method: "POST", token: secret, body: { name: "from a script", expiresIn: "7d" } });
    expect(created.status).toBe(201);
    const list = await call(tokens.GET, "/api/v1/tokens", { token: secret });
    expect(list.json.tokens.map((x: { name: string }) => x.name)).toContain("from a script");
  });
});

describe("reading and changing tokens", () => {
  it("lists newest first, filters by status and pages with a cursor", async () => {
    const user = await createTestUser();
    const a = await newToken(user, { name: "a" });
    const b = await newToken(user, { name: "b" });
    const c = await newToken(user, { name: "c" });
    await createToken({ user: { id: user.id, kind: "internal", roles: ["user"] }, token: null }, { name: "expired", expiresIn: "7d", scopes: "all" }, new Date(Date.now() - 30 * DAY));
    await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: b.token.id } });

    const all = await call(tokens.GET, "/api/v1/tokens", { as: user });
    expect(all.json.tokens.map((t: { name: string }) => t.name)).toEqual(["c", "b", "a", "expired"]);
    const names = async (status: string) =>
      (await call(tokens.GET, "/api/v1/tokens", { as: user, query: { status } })).json.tokens.map((t: { name: string }) => t.name);
    expect(await names("active")).toEqual(["c", "a"]);
    expect(await names("revoked")).toEqual(["b"]);
    expect(await names("expired")).toEqual(["expired"]);

    const page1 = await call(tokens.GET, "/api/v1/tokens", { as: user, query: { limit: "2" } });
    expect(page1.json.tokens.map((t: { id: string }) => t.id)).toEqual([c.token.id, b.token.id]);
    const page2 = await call(tokens.GET, "/api/v1/tokens", { as: user, query: { limit: "2", cursor: page1.json.nextCursor } });
    expect(page2.json.tokens.map((t: { id: string }) => t.id)).toEqual([a.token.id, expect.any(String)]);
    expect(page2.json.nextCursor).toBeNull();

    const badQueries: Record<string, string>[] = [{ status: "gone" }, { limit: "0" }, { limit: "1000" }, { limit: "x" }, { cursor: "bad cursor!" }, { other: "1" }];
    for (const query of badQueries) {
      const res = await call(tokens.GET, "/api/v1/tokens", { as: user, query });
      expect(res.status, JSON.stringify(query)).toBe(400);
      expectErrorShape(res.json);
    }
  });

  it("edits name and description", async () => {
    const user = await createTestUser();
    const { token: t } = await newToken(user);
    const res = await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: t.id }, body: { name: "renamed", description: "now with words" } });
    expect(res.json).toMatchObject({ name: "renamed", description: "now with words" });
    for (const body of [{}, { name: "" }, { prefix: "pat_x" }, { description: 7 }]) {
      const bad = await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: t.id }, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("answers 404 for another user's token on every route, as for an unknown id", async () => {
    const owner = await createTestUser();
    const intruder = await createTestUser();
    const { token: t, secret } = await newToken(owner);
    const id = t.id;
    const attempts = [
      call(token.GET, "/x", { as: intruder, params: { id } }),
      call(token.PATCH, "/x", { method: "PATCH", as: intruder, params: { id }, body: { name: "mine" } }),
      call(token.DELETE, "/x", { method: "DELETE", as: intruder, params: { id } }),
      call(revoke.POST, "/x", { method: "POST", as: intruder, params: { id } }),
      call(regenerate.POST, "/x", { method: "POST", as: intruder, params: { id }, body: { expiresIn: "7d" } }),
      call(token.GET, "/x", { as: intruder, params: { id: "unknown-id" } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.json.error).toEqual({ code: "not_found", message: "Token not found" });
    }
    expect((await meWith({ authorization: `Bearer ${secret}` })).status).toBe(200);
    const intact = await call(token.GET, "/x", { as: owner, params: { id } });
    expect(intact.json).toMatchObject({ name: "ci", status: "active" });
  });

  it("revokes for good; a second revoke changes nothing", async () => {
    const user = await createTestUser();
    const { token: t } = await newToken(user);
    const first = await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: t.id } });
    expect(first.json.status).toBe("revoked");
    const again = await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: t.id } });
    expect(again.json.revokedAt).toBe(first.json.revokedAt);
  });

  it("regenerates active, revoked and expired tokens, keeping name and description", async () => {
    const user = await createTestUser();
    const { token: t, secret: oldSecret } = await newToken(user, { name: "keep me", description: "still here" });
    await call(revoke.POST, "/x", { method: "POST", as: user, params: { id: t.id } });
    const res = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: t.id }, body: { expiresIn: "60d" } });
    expect(res.status).toBe(200);
    expect(res.json.secret).toMatch(SECRET_RE);
    expect(res.json.token).toMatchObject({ id: t.id, name: "keep me", description: "still here", status: "active", revokedAt: null });
    expect(res.json.token.prefix).not.toBe(t.prefix);
    expect((await meWith({ authorization: `Bearer ${oldSecret}` })).status).toBe(401);
    expect((await meWith({ authorization: `Bearer ${res.json.secret}` })).status).toBe(200);

    // Rotation of an active token: the old secret dies at once, even though it was cached, and
    // its use revokes the token (reuse detection, token-rotation.test.ts).
    const rotated = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: t.id }, body: { expiresAt: new Date(Date.now() + 3 * DAY).toISOString() } });
    expect((await meWith({ authorization: `Bearer ${rotated.json.secret}` })).status).toBe(200);
    expect((await meWith({ authorization: `Bearer ${res.json.secret}` })).status).toBe(401);
    expect((await meWith({ authorization: `Bearer ${rotated.json.secret}` })).status).toBe(401);

    const expired = await createToken({ user: { id: user.id, kind: "internal", roles: ["user"] }, token: null }, { name: "old", expiresIn: "7d", scopes: "all" }, new Date(Date.now() - 8 * DAY));
    const revived = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: expired.token.id }, body: { expiresIn: "7d" } });
    expect(revived.json.token.status).toBe("active");

    for (const body of [{}, { expiresIn: "forever" }, { expiresAt: "2000-01-01T00:00:00Z" }, { expiresIn: "7d", name: "x" }]) {
      const bad = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: t.id }, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
  });

  it("deletes one token, then all of them", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const { token: t, secret } = await newToken(user);
    await newToken(user);
    await newToken(user);
    const keep = await newToken(other);
    const del = await call(token.DELETE, "/x", { method: "DELETE", as: user, params: { id: t.id } });
    expect(del.status).toBe(204);
    expect((await call(token.GET, "/x", { as: user, params: { id: t.id } })).status).toBe(404);
    expect((await call(token.DELETE, "/x", { method: "DELETE", as: user, params: { id: t.id } })).status).toBe(404);
    expect((await meWith({ authorization: `Bearer ${secret}` })).status).toBe(401);
    const all = await call(tokens.DELETE, "/api/v1/tokens", { method: "DELETE", as: user });
    expect(all.json).toEqual({ deleted: 2 });
    expect((await call(tokens.GET, "/api/v1/tokens", { as: user })).json.tokens).toEqual([]);
    expect((await meWith({ authorization: `Bearer ${keep.secret}` })).status).toBe(200);
  });

  it("needs credentials on every token route", async () => {
    const routes = [
      call(tokens.GET, "/api/v1/tokens"),
      call(tokens.POST, "/api/v1/tokens", { method: "POST", body: { name: "a", expiresIn: "7d" } }),
      call(tokens.DELETE, "/api/v1/tokens", { method: "DELETE" }),
      call(token.GET, "/x", { params: { id: "x" } }),
      call(token.PATCH, "/x", { method: "PATCH", params: { id: "x" }, body: { name: "a" } }),
      call(token.DELETE, "/x", { method: "DELETE", params: { id: "x" } }),
      call(revoke.POST, "/x", { method: "POST", params: { id: "x" } }),
      call(regenerate.POST, "/x", { method: "POST", params: { id: "x" }, body: { expiresIn: "7d" } }),
    ];
    for (const res of await Promise.all(routes)) expect(res.status).toBe(401);
  });
});

describe("secrets at rest", () => {
  it("no secret is ever written to the database", async () => {
    const user = await createTestUser();
    const secrets: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { secret, token: t } = await newToken(user, { name: `scan ${i}`, description: "scan" });
      secrets.push(secret);
      await meWith({ authorization: `Bearer ${secret}` });
      const regen = await call(regenerate.POST, "/x", { method: "POST", as: user, params: { id: t.id }, body: { expiresIn: "7d" } });
      secrets.push(regen.json.secret);
      await meWith({ "x-personal-token": regen.json.secret });
    }
    await flushUses();
    // The random part of a secret, which only the secret has (the prefix is shown on purpose).
    const needles = secrets.map((s) => s.slice(12));
    const { database } = loadEnv();
    let haystack: string;
    if (database.provider === "sqlite") {
      haystack = ["", "-wal", "-shm"]
        .map((suffix) => database.file + suffix)
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString("latin1"))
        .join("\n");
    } else {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT string_agg(t::text, ' ') AS dump FROM (SELECT * FROM "Token") t UNION ALL SELECT string_agg(u::text, ' ') FROM (SELECT * FROM "User") u`,
      );
      haystack = JSON.stringify(rows);
    }
    expect(haystack.length).toBeGreaterThan(1000);
    expect(haystack).toContain(secrets[secrets.length - 1].slice(0, 12)); // the scan does see token rows
    for (const needle of needles) expect(haystack.includes(needle)).toBe(false);
  });
});

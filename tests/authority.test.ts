import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import * as jwks from "@/app/api/v1/oauth/jwks/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as revokeRoute from "@/app/api/v1/oauth/revoke/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { db } from "@/lib/db";
import { call, createAdmin, createTestUser, type TestUser } from "./helpers";

const ISSUER = "http://localhost:3000";
const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const PAT_TYPE = "urn:ietf:params:oauth:token-type:access_token";

async function pat(user: TestUser, scopes: unknown = "all") {
  const res = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "svc", expiresIn: "30d", scopes } });
  expect(res.status).toBe(201);
  return res.json as { token: { id: string }; secret: string };
}

const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

async function keys() {
  const res = await jwks.GET();
  return createLocalJWKSet(await res.json());
}

describe("token exchange (RFC 8693)", () => {
  it("swaps a token for a short-lived JWT that verifies with the published keys", async () => {
    const user = await createTestUser();
    const { secret, token } = await pat(user);
    const res = await call(exchange.POST, "/api/v1/oauth/token", { method: "POST", ...form({ grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.json).toMatchObject({ token_type: "Bearer", issued_token_type: "urn:ietf:params:oauth:token-type:jwt", expires_in: 300 });
    const { payload } = await jwtVerify(res.json.access_token, await keys(), { issuer: ISSUER, audience: ISSUER });
    // RFC 9068: client_id is the PAT the JWT came from; no personal data unless asked for.
    expect(payload).toMatchObject({ sub: user.id, client_id: token.id, iss: ISSUER, aud: ISSUER });
    expect(payload).not.toHaveProperty("email");
    expect(typeof payload.jti).toBe("string");
    expect(payload.scope).toContain("tokens:read");
    expect(payload.scope).not.toContain("users:");
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(decodeProtectedHeader(res.json.access_token)).toMatchObject({ alg: "ES256", typ: "at+jwt" });
  });

  it("narrows to a subset of the token's permissions, and refuses more", async () => {
    const user = await createTestUser();
    const { secret } = await pat(user, [{ entity: "tokens", operation: "read" }, { entity: "channels", operation: "publish", entityId: "news" }]);
    const ok = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE, scope: "channels:publish:news", audience: "chat-service" } });
    expect(ok.status).toBe(200);
    expect(ok.json.scope).toBe("channels:publish:news");
    const { payload } = await jwtVerify(ok.json.access_token, await keys(), { audience: "chat-service" });
    expect(payload.scope).toBe("channels:publish:news");
    for (const scope of ["tokens:delete", "channels:publish:sports", "users:list", "tokens:fly"]) {
      const res = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE, scope } });
      expect(res.status, scope).toBe(400);
      expect(res.json.error).toBe("invalid_scope");
    }
  });

  it("refuses bad grants and bad tokens", async () => {
    const user = await createTestUser();
    const { secret, token } = await pat(user);
    const cases: [Record<string, string>, string][] = [
      [{ grant_type: "password", subject_token: secret }, "unsupported_grant_type"],
      [{ subject_token: secret, subject_token_type: PAT_TYPE }, "invalid_request"],
      [{ grant_type: GRANT, subject_token_type: PAT_TYPE }, "invalid_request"],
      [{ grant_type: GRANT, subject_token: secret }, "invalid_request"],
      [{ grant_type: GRANT, subject_token: "pat_nope", subject_token_type: PAT_TYPE }, "invalid_request"],
      [{ grant_type: GRANT, subject_token: secret, subject_token_type: "urn:x" }, "invalid_request"],
    ];
    for (const [fields, code] of cases) {
      const res = await call(exchange.POST, "/x", { method: "POST", ...form(fields) });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.json.error, JSON.stringify(fields)).toBe(code);
      expect(typeof res.json.error_description).toBe("string");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    await db.token.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    const { tokenCache } = await import("@/lib/tokens/cache");
    tokenCache.invalidateToken(token.id);
    const revoked = await call(exchange.POST, "/x", { method: "POST", ...form({ grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE }) });
    expect(revoked.json.error).toBe("invalid_request");
    const notJson = await call(exchange.POST, "/x", { method: "POST", rawBody: "{oops" });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toBe("invalid_request");
  });
});

describe("introspection (RFC 7662) and revocation (RFC 7009)", () => {
  it("tells an allowed caller whether a token is active, whose it is, its scopes and expiry", async () => {
    const admin = await createAdmin();
    const user = await createTestUser();
    const { secret, token } = await pat(user, [{ entity: "tokens", operation: "list" }]);
    const res = await call(introspectRoute.POST, "/x", { method: "POST", as: admin, ...form({ token: secret }) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ active: true, sub: user.id, username: user.email, token_id: token.id, scope: "tokens:list", token_type: "personal_access_token" });
    expect(res.json.exp).toBeGreaterThan(Date.now() / 1000);
    expect((await call(introspectRoute.POST, "/x", { method: "POST", as: admin, body: { token: "pat_made_up" } })).json).toEqual({ active: false });

    const jwt = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE } });
    const ofJwt = await call(introspectRoute.POST, "/x", { method: "POST", as: admin, body: { token: jwt.json.access_token } });
    expect(ofJwt.json).toMatchObject({ active: true, sub: user.id, token_type: "access_token" });
  });

  it("reports only what the token may do today: scopes the owner lost are left out", async () => {
    const introspector = await createAdmin();
    const owner = await createAdmin();
    const { secret } = await pat(owner, [{ entity: "tokens", operation: "read" }, { entity: "users", operation: "list" }]);
    await db.user.update({ where: { id: owner.id }, data: { roles: "user" } });
    const { tokenCache } = await import("@/lib/tokens/cache");
    tokenCache.invalidateUser(owner.id);
    const res = await call(introspectRoute.POST, "/x", { method: "POST", as: introspector, body: { token: secret } });
    expect(res.json).toMatchObject({ active: true, scope: "tokens:read" });
  });

  it("reports a PAT's scope within its owner's roles from one call to the next: a demotion narrows it, the role's return restores it", async () => {
    const introspector = await createAdmin();
    const demoter = await createAdmin();
    const owner = await createAdmin();
    const { secret } = await pat(owner, [{ entity: "tokens", operation: "read" }, { entity: "users", operation: "list" }]);
    const ask = async () => (await call(introspectRoute.POST, "/x", { method: "POST", as: introspector, body: { token: secret } })).json;
    const setRoles = async (roles: string[]) =>
      expect((await call(userRoute.PATCH, "/x", { method: "PATCH", as: demoter, params: { id: owner.id }, body: { roles } })).status).toBe(200);
    expect(await ask()).toMatchObject({ active: true, scope: "tokens:read users:list" });
    expect(await ask()).toMatchObject({ active: true, scope: "tokens:read users:list" }); // the same cached principal
    await setRoles(["user"]);
    expect(await ask()).toMatchObject({ active: true, scope: "tokens:read" });
    await setRoles(["user", "admin"]);
    expect(await ask()).toMatchObject({ active: true, scope: "tokens:read users:list" });
  });

  it("reports an exchanged JWT's scope within its owner's roles today: an admin's demotion narrows it, the role's return restores it", async () => {
    const introspector = await createAdmin();
    const demoter = await createAdmin();
    const owner = await createAdmin();
    const { secret } = await pat(owner, [{ entity: "tokens", operation: "read" }, { entity: "users", operation: "list" }, { entity: "audit", operation: "read" }]);
    const jwt = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE, scope: "tokens:read users:list audit:read email" } });
    expect(jwt.status, JSON.stringify(jwt.json)).toBe(200);
    expect(jwt.json.scope).toBe("tokens:read users:list audit:read email");
    const ask = async () => (await call(introspectRoute.POST, "/x", { method: "POST", as: introspector, body: { token: jwt.json.access_token } })).json;
    const setRoles = async (roles: string[]) =>
      expect((await call(userRoute.PATCH, "/x", { method: "PATCH", as: demoter, params: { id: owner.id }, body: { roles } })).status).toBe(200);
    expect(await ask()).toMatchObject({ active: true, sub: owner.id, scope: "tokens:read users:list audit:read email" });

    await setRoles(["user"]);
    // Still active (its owner and PAT stand), and only with what a plain user may do; email is a claim and stays.
    expect(await ask()).toMatchObject({ active: true, sub: owner.id, scope: "tokens:read email" });
    // The signed claim did not change; the answer did.
    const { payload } = await jwtVerify(jwt.json.access_token, await keys());
    expect(payload.scope).toBe("tokens:read users:list audit:read email");

    await setRoles(["introspector"]);
    expect(await ask()).toMatchObject({ active: true, scope: "email" });

    await setRoles(["user", "admin"]);
    expect(await ask()).toMatchObject({ active: true, scope: "tokens:read users:list audit:read email" });
  });

  it("lets a service account with the introspector role ask, and nobody else", async () => {
    const service = await createTestUser({ roles: ["user", "introspector"] });
    const { secret: serviceToken } = await pat(service, [{ entity: "introspection", operation: "read" }]);
    const user = await createTestUser();
    const { secret } = await pat(user);
    const ok = await call(introspectRoute.POST, "/x", { method: "POST", token: serviceToken, body: { token: secret } });
    expect(ok.json.active).toBe(true);
    const plain = await createTestUser();
    const refused = await call(introspectRoute.POST, "/x", { method: "POST", as: plain, body: { token: secret } });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe("insufficient_scope");
    const anonymous = await call(introspectRoute.POST, "/x", { method: "POST", body: { token: secret } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toBe("invalid_client");
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic realm="pat-console", error="invalid_client"/);
  });

  it("revokes a leaked token by its secret, answering 200 either way", async () => {
    const user = await createTestUser();
    const { secret, token } = await pat(user);
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(200);
    const res = await call(revokeRoute.POST, "/x", { method: "POST", ...form({ token: secret }) });
    expect(res.status).toBe(200);
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(401);
    const event = await db.auditEvent.findFirst({ where: { action: "token.revoke", targetId: token.id } });
    expect(event).toMatchObject({ actorId: null, ownerId: user.id });
    for (const t of [secret, "pat_unknown", "x".repeat(40)]) {
      expect((await call(revokeRoute.POST, "/x", { method: "POST", body: { token: t } })).status).toBe(200);
    }
    const empty = await call(revokeRoute.POST, "/x", { method: "POST", body: {} });
    expect(empty.status).toBe(400);
    expect(empty.json).toEqual({ error: "invalid_request", error_description: "token: token is required" });
  });

  it("a second revoke of the same secret answers 200 and records no second revoke", async () => {
    const user = await createTestUser();
    const { secret, token } = await pat(user);
    for (let i = 0; i < 2; i++) expect((await call(revokeRoute.POST, "/x", { method: "POST", ...form({ token: secret }) })).status).toBe(200);
    const events = await db.auditEvent.findMany({ where: { action: "token.revoke", targetId: token.id } });
    expect(events.map((e) => [e.outcome, e.ownerId])).toEqual([["success", user.id]]);
    expect((await db.token.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeInstanceOf(Date);
  });
});

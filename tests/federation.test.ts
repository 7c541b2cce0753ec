import { createLocalJWKSet, exportSPKI, importJWK, jwtVerify, SignJWT, type KeyObject } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as policiesRoute from "@/app/api/v1/federation/policies/route";
import * as policyRoute from "@/app/api/v1/federation/policies/[id]/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as jwks from "@/app/api/v1/oauth/jwks/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { PAT_TOKEN_TYPE } from "@/lib/federation/constants";
import { clearIssuerKeys, COOLDOWN_MS } from "@/lib/federation/jwks";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";
import { TestIssuer } from "./oidc-issuer";

const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

let github: TestIssuer;
let gitlab: TestIssuer;
let admin: TestUser;
let deployer: TestUser;

beforeAll(async () => {
  process.env.FEDERATION_LOOPBACK_ISSUERS = "true";
  process.env.FEDERATION_MAX_LIFETIME_MINUTES = "60";
  reloadEnv();
  github = await TestIssuer.start();
  gitlab = await TestIssuer.start();
  admin = await createAdmin();
});
afterAll(async () => {
  await github.stop();
  await gitlab.stop();
  delete process.env.FEDERATION_LOOPBACK_ISSUERS;
  reloadEnv();
});
beforeEach(async () => {
  clearIssuerKeys();
  github.mode = "up";
  gitlab.mode = "up";
  await db.federationPolicy.deleteMany();
  deployer = await createTestUser({ roles: ["user"] });
});

async function createPolicy(body: Record<string, unknown>) {
  const res = await call(policiesRoute.POST, "/api/v1/federation/policies", { method: "POST", as: admin, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string; principal: { id: string; email: string } };
}

const githubPolicy = (over: Record<string, unknown> = {}) =>
  createPolicy({
    name: "Deploy acme/app from main",
    issuer: github.url,
    audience: "pat-console",
    conditions: [
      { claim: "repository", match: "exact", value: "acme/app" },
      { claim: "ref", match: "glob", value: "refs/heads/*" },
      { claim: "environment", match: "exact", value: "prod" },
    ],
    principalId: deployer.id,
    scopes: ["tokens:read", "tokens:list"],
    lifetimeMinutes: 15,
    ...over,
  });

const swap = (subject: string, extra: Record<string, string> = {}) =>
  call(exchange.POST, "/api/v1/oauth/token", {
    method: "POST",
    rawBody: new URLSearchParams({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT_TYPE, ...extra }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": "ci-runner/1" },
  });

async function ourKeys() {
  return createLocalJWKSet(await (await jwks.GET()).json());
}

/** The one federated-exchange audit event since the last forgetExchangeEvents(). */
async function lastExchangeEvent() {
  const rows = await db.auditEvent.findMany({ where: { action: "token.federated_exchange" } });
  expect(rows).toHaveLength(1);
  return { ...rows[0], details: JSON.parse(rows[0].details ?? "{}") };
}
const forgetExchangeEvents = () => db.auditEvent.deleteMany({ where: { action: "token.federated_exchange" } });

async function expectRefused(subject: string, reason: RegExp, extra: Record<string, string> = {}) {
  await forgetExchangeEvents();
  const res = await swap(subject, extra);
  expect(res.status).toBe(400);
  // The caller learns nothing about why: the audit log does.
  expect(res.json).toEqual({ error: "invalid_grant", error_description: "The subject token was not accepted" });
  const event = await lastExchangeEvent();
  expect(event.outcome).toBe("failure");
  expect(event.details.reason).toMatch(reason);
  return event;
}

describe("federation: a GitHub Actions or GitLab CI token for a short-lived token", () => {
  it("exchanges a GitHub Actions token for the policy principal's JWT, with the policy in the claims and the audit log", async () => {
    const policy = await githubPolicy();
    await forgetExchangeEvents();
    const res = await swap(await github.mint(TestIssuer.github()), { audience: "deploy-api" });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ token_type: "Bearer", issued_token_type: JWT_TYPE, expires_in: 300, scope: "tokens:read tokens:list" });
    const { payload } = await jwtVerify(res.json.access_token, await ourKeys(), { issuer: "http://localhost:3000", audience: "deploy-api" });
    expect(payload).toMatchObject({ sub: deployer.id, federation_policy: policy.id, client_id: `federation:${policy.id}`, scope: "tokens:read tokens:list" });
    const event = await lastExchangeEvent();
    expect(event).toMatchObject({ outcome: "success", targetId: policy.id, ownerId: deployer.id, userAgent: "ci-runner/1" });
    expect(event.details).toMatchObject({ issuer: github.url, subject: "repo:acme/app:environment:prod", issued: "jwt" });
    // The exchanged JWT is active for introspection, until its policy is disabled.
    const introspector = await createTestUser({ roles: ["introspector"] });
    const ask = () => call(introspectRoute.POST, "/x", { method: "POST", as: introspector, body: { token: res.json.access_token } });
    expect((await ask()).json).toMatchObject({ active: true, federation_policy: policy.id });
    expect((await call(policyRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: policy.id }, body: { enabled: false } })).status).toBe(200);
    expect((await ask()).json).toEqual({ active: false });
  });

  it("exchanges a GitLab CI id_token (id_token type), narrowed by scope, and lives no longer than the policy's lifetime", async () => {
    await createPolicy({
      name: "GitLab protected main",
      issuer: gitlab.url,
      audience: "pat-console",
      conditions: [
        { claim: "project_path", match: "exact", value: "acme/app" },
        { claim: "ref_protected", match: "exact", value: "true" },
      ],
      principalId: deployer.id,
      scopes: ["tokens:read", "tokens:list"],
      lifetimeMinutes: 2,
    });
    const subject = await gitlab.mint(TestIssuer.gitlab());
    const res = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: subject, subject_token_type: ID_TOKEN_TYPE, scope: "tokens:read" } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ scope: "tokens:read", expires_in: 120 });
    // More than the policy grants is invalid_scope.
    const more = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: await gitlab.mint(TestIssuer.gitlab()), subject_token_type: ID_TOKEN_TYPE, scope: "tokens:delete" } });
    expect(more.status).toBe(400);
    expect(more.json.error).toBe("invalid_scope");
  });

  it("introspects a federated JWT within its principal's roles today: a demotion narrows the scope, the role's return restores it", async () => {
    const principal = await createTestUser({ roles: ["user", "admin"] });
    await githubPolicy({ principalId: principal.id, scopes: ["tokens:read", "users:list"] });
    const res = await swap(await github.mint(TestIssuer.github()));
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.scope).toBe("tokens:read users:list");
    const introspector = await createTestUser({ roles: ["introspector"] });
    const ask = async () => (await call(introspectRoute.POST, "/x", { method: "POST", as: introspector, body: { token: res.json.access_token } })).json;
    const setRoles = async (roles: string[]) =>
      expect((await call(userRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: principal.id }, body: { roles } })).status).toBe(200);
    expect(await ask()).toMatchObject({ active: true, sub: principal.id, scope: "tokens:read users:list" });
    await setRoles(["user"]);
    expect(await ask()).toMatchObject({ active: true, sub: principal.id, scope: "tokens:read" });
    await setRoles(["introspector"]);
    expect(await ask()).toMatchObject({ active: true, scope: "" });
    await setRoles(["admin", "user"]);
    expect(await ask()).toMatchObject({ active: true, scope: "tokens:read users:list" });
  });

  it("tries policies oldest first: the first whose claims match issues", async () => {
    const other = await createTestUser();
    await githubPolicy({ name: "staging only", principalId: other.id, conditions: [{ claim: "repository", match: "exact", value: "acme/app" }, { claim: "environment", match: "exact", value: "staging" }] });
    const prod = await githubPolicy();
    const res = await swap(await github.mint(TestIssuer.github()));
    expect(res.status).toBe(200);
    const { payload } = await jwtVerify(res.json.access_token, await ourKeys());
    expect(payload).toMatchObject({ sub: deployer.id, federation_policy: prod.id });
  });

  it("hands out a PAT expiring within the lifetime where the policy allows it, and only then", async () => {
    await githubPolicy({ allowPat: true, lifetimeMinutes: 10 });
    await forgetExchangeEvents();
    const res = await swap(await github.mint(TestIssuer.github()), { requested_token_type: PAT_TOKEN_TYPE });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ issued_token_type: PAT_TOKEN_TYPE, expires_in: 600, scope: "tokens:read tokens:list" });
    const row = await db.token.findFirstOrThrow({ where: { userId: deployer.id }, include: { scopes: true } });
    expect(row.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(600_000);
    expect(row.scopes.map((s) => `${s.entity}:${s.operation}`).sort()).toEqual(["tokens:list", "tokens:read"]);
    // The PAT works as the deployer, within its scopes.
    const list = await call(tokens.GET, "/api/v1/tokens", { token: res.json.access_token });
    expect(list.status).toBe(200);
    expect((await lastExchangeEvent()).details).toMatchObject({ issued: "personal_access_token", tokenId: row.id });

    await db.federationPolicy.updateMany({ data: { allowPat: false } });
    await expectRefused(await github.mint(TestIssuer.github()), /allows only JWTs/, { requested_token_type: PAT_TOKEN_TYPE });
  });

  it("refuses a token whose claims don't match, naming the failed condition in the audit log only", async () => {
    await githubPolicy();
    await expectRefused(await github.mint(TestIssuer.github({ repository: "evil/app" })), /repository does not equal acme\/app/);
    await expectRefused(await github.mint(TestIssuer.github({ ref: "refs/heads/feature/x" })), /ref does not match refs\/heads\/\*/);
    await expectRefused(await github.mint(TestIssuer.github({ environment: undefined })), /environment does not equal prod/);
  });

  it("refuses the wrong audience, another issuer, and a token of our issuer signed with a key it never published", async () => {
    await githubPolicy();
    await expectRefused(await github.mint(TestIssuer.github({ aud: "someone-else" })), /audience is not pat-console/);
    // gitlab's issuer has no policy; a token claiming github's issuer but signed by gitlab's key fails its signature.
    await expectRefused(await gitlab.mint(TestIssuer.gitlab()), /no enabled policy trusts this issuer/);
    const forged = await github.mint(TestIssuer.github(), { key: await github.unpublishedKey() });
    await expectRefused(forged, /no key of the issuer matches kid/);
  });

  it("refuses expired tokens, future iat and nbf, and a missing jti, with the skew allowed", async () => {
    await githubPolicy();
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await github.mint(TestIssuer.github(), { iat: now - 900, exp: now - 120 }), /expired/);
    await expectRefused(await github.mint(TestIssuer.github(), { iat: now + 600, exp: now + 900 }), /claim iat/);
    await expectRefused(await github.mint(TestIssuer.github(), { nbf: now + 600 }), /claim nbf/);
    await expectRefused(await github.mint(TestIssuer.github(), { jti: null }), /claim jti/);
    await expectRefused(await github.mint(TestIssuer.github(), { exp: now + 3 * 86_400 }), /too far in the future/);
    // Within the skew (a runner's clock 30 s ahead): accepted.
    expect((await swap(await github.mint(TestIssuer.github(), { iat: now + 30 }))).status).toBe(200);
  });

  it("refuses a replayed jti, on the second use", async () => {
    await githubPolicy();
    const subject = await github.mint(TestIssuer.github());
    const before = await db.federationJti.count();
    expect((await swap(subject)).status).toBe(200);
    await expectRefused(subject, /replayed jti/);
    expect(await db.federationJti.count()).toBe(before + 1);
  });

  it("refuses alg none and an HS256 token whose secret is the issuer's public key", async () => {
    await githubPolicy();
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...TestIssuer.github(), iss: github.url, iat: now, exp: now + 300, jti: "none-1" };
    await expectRefused(`${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`, /algorithm none is not allowed/);
    // The classic confusion: the public key (as PEM and as the JWK's n) used as an HMAC secret.
    const pem = await exportSPKI((await importJWK(github.publicJwk, "RS256", { extractable: true })) as KeyObject);
    for (const secret of [pem, github.publicJwk.n!]) {
      const hs = await new SignJWT(TestIssuer.github()).setProtectedHeader({ alg: "HS256", kid: github.publicJwk.kid }).setIssuer(github.url).setIssuedAt().setExpirationTime("5m").setJti(crypto.randomUUID()).sign(new TextEncoder().encode(secret));
      await expectRefused(hs, /algorithm HS256 is not allowed/);
    }
  });

  it("picks up a rotated key: an unknown kid refetches the JWKS, at most once per cooldown", async () => {
    await githubPolicy();
    expect((await swap(await github.mint(TestIssuer.github()))).status).toBe(200);
    const before = github.fetches;
    await github.rotate();
    // Right after a fetch, a kid nobody has seen is refused without asking the issuer again
    // (a flood of made-up kids costs nothing).
    await expectRefused(await github.mint(TestIssuer.github()), /no key of the issuer matches kid/);
    expect(github.fetches).toBe(before);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + COOLDOWN_MS + 1000 });
    try {
      expect((await swap(await github.mint(TestIssuer.github()))).status).toBe(200);
      expect(github.fetches).toBe(before + 2); // discovery + JWKS, once
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses while the issuer is down, fetching it once per cooldown, and a redirect is not followed", async () => {
    await githubPolicy();
    github.mode = "down";
    await expectRefused(await github.mint(TestIssuer.github()), /issuer unavailable: .* answered 500/);
    const after = github.fetches;
    await expectRefused(await github.mint(TestIssuer.github()), /issuer unavailable/);
    expect(github.fetches).toBe(after);
    clearIssuerKeys();
    github.mode = "redirect";
    await expectRefused(await github.mint(TestIssuer.github()), /answered 302 \(redirects are not followed\)/);
  });

  it("a hanging issuer does not hold up another issuer's exchange", async () => {
    await githubPolicy();
    await createPolicy({
      name: "GitLab",
      issuer: gitlab.url,
      audience: "pat-console",
      conditions: [{ claim: "project_path", match: "exact", value: "acme/app" }],
      principalId: deployer.id,
      scopes: ["tokens:read"],
      lifetimeMinutes: 5,
    });
    github.mode = "hang";
    let hungDone = false;
    const hung = swap(await github.mint(TestIssuer.github())).finally(() => (hungDone = true));
    const other = await swap(await gitlab.mint(TestIssuer.gitlab()));
    expect(other.status).toBe(200);
    expect(hungDone).toBe(false);
    github.release();
    expect((await hung).status).toBe(400);
  });

  it("refuses a disabled principal, and a policy that is disabled", async () => {
    const policy = await githubPolicy();
    await db.user.update({ where: { id: deployer.id }, data: { disabled: true } });
    await expectRefused(await github.mint(TestIssuer.github()), /principal is missing or disabled/);
    await db.user.update({ where: { id: deployer.id }, data: { disabled: false } });
    await call(policyRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: policy.id }, body: { enabled: false } });
    await expectRefused(await github.mint(TestIssuer.github()), /no enabled policy trusts this issuer/);
  });
});

describe("federation policies API (admins)", () => {
  const valid = () => ({
    name: "p",
    issuer: github.url,
    audience: "pat-console",
    conditions: [{ claim: "repository", match: "exact", value: "acme/app" }],
    principalId: deployer.id,
    scopes: ["tokens:read"],
    lifetimeMinutes: 5,
  });

  it("creates, lists, reads, edits and deletes, each audited", async () => {
    const created = await createPolicy(valid());
    expect(created.principal).toEqual({ id: deployer.id, email: deployer.email, name: "Test User" });
    const list = await call(policiesRoute.GET, "/x", { as: admin });
    expect(list.json).toMatchObject({ maxLifetimeMinutes: 60, policies: [{ id: created.id, issuer: github.url, scopes: ["tokens:read"] }] });
    expect((await call(policyRoute.GET, "/x", { as: admin, params: { id: created.id } })).json.name).toBe("p");
    const edited = await call(policyRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: created.id }, body: { lifetimeMinutes: 30, name: "q" } });
    expect(edited.json).toMatchObject({ lifetimeMinutes: 30, name: "q" });
    expect((await call(policyRoute.DELETE, "/x", { method: "DELETE", as: admin, params: { id: created.id } })).status).toBe(204);
    expect((await call(policyRoute.GET, "/x", { as: admin, params: { id: created.id } })).status).toBe(404);
    const actions = (await db.auditEvent.findMany({ where: { targetId: created.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["federation_policy.create", "federation_policy.update", "federation_policy.delete"]);
  });

  it("refuses bad policies with a clear 400", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ issuer: "http://ci.example.com" }, /https/],
      [{ issuer: "ftp://ci.example.com" }, /https/],
      [{ issuer: "https://ci.example.com?x=1" }, /plain URL/],
      [{ conditions: [] }, /at least one exact condition/],
      [{ conditions: [{ claim: "ref", match: "glob", value: "*" }] }, /at least one exact condition/],
      [{ conditions: [{ claim: "repository", match: "regex", value: "a" }] }, /exact or glob/],
      [{ lifetimeMinutes: 61 }, /at most 60 minutes/],
      [{ lifetimeMinutes: 0 }, /at least 1 minute/],
      [{ principalId: "nobody" }, /not a user/],
      [{ scopes: ["users:list"] }, /don't have: users:list/],
      [{ scopes: ["tokens:fly"] }, /Unknown permissions/],
      [{ scopes: [] }, /at least one permission/],
      [{ audience: "" }, /Audience is required/],
      [{ extra: 1 }, /extra|Unrecognized/i],
    ];
    for (const [over, message] of cases) {
      const res = await call(policiesRoute.POST, "/x", { method: "POST", as: admin, body: { ...valid(), ...over } });
      expect(res.status, JSON.stringify(over)).toBe(400);
      expectErrorShape(res.json);
      expect(JSON.stringify(res.json), JSON.stringify(over)).toMatch(message);
    }
    expect((await call(policyRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: "nope" }, body: { name: "x" } })).status).toBe(404);
    expect((await call(policyRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: "nope" }, body: {} })).status).toBe(400);
  });

  it("is for admins only", async () => {
    const created = await createPolicy(valid());
    const user = await createTestUser();
    expect((await call(policiesRoute.GET, "/x", { as: user })).status).toBe(403);
    expect((await call(policiesRoute.POST, "/x", { method: "POST", as: user, body: valid() })).status).toBe(403);
    expect((await call(policyRoute.DELETE, "/x", { method: "DELETE", as: user, params: { id: created.id } })).status).toBe(403);
    expect((await call(policiesRoute.GET, "/x")).status).toBe(401);
  });

  it("refuses a plain-http loopback issuer unless FEDERATION_LOOPBACK_ISSUERS is on", async () => {
    process.env.FEDERATION_LOOPBACK_ISSUERS = "false";
    reloadEnv();
    try {
      const res = await call(policiesRoute.POST, "/x", { method: "POST", as: admin, body: valid() });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/must be https/);
    } finally {
      process.env.FEDERATION_LOOPBACK_ISSUERS = "true";
      reloadEnv();
    }
  });
});

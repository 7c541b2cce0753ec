// Conformance, checked by code nobody here wrote: oauth4webapi, openid-client and jose drive
// discovery, token exchange, JWT validation, introspection, revocation and the error paths
// against the real route handlers (a custom fetch calls them in-process, no server).
import { readFileSync } from "node:fs";
import { createLocalJWKSet, jwtVerify } from "jose";
import { NextRequest } from "next/server";
import * as oauth from "oauth4webapi";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import * as asMetadata from "@/app/.well-known/oauth-authorization-server/route";
import * as prMetadata from "@/app/.well-known/oauth-protected-resource/route";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as revokeRoute from "@/app/api/v1/oauth/revoke/route";
import * as tokenRoute from "@/app/api/v1/oauth/token/route";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as users from "@/app/api/v1/users/[id]/route";
import { AUTHORITY } from "@/lib/authority/metadata";
import { db } from "@/lib/db";
import * as example from "@/docs/examples/service-developer";
import { call, createAdmin, createTestUser, type TestUser } from "./helpers";

const ISSUER = new URL("http://localhost:3000");
const ISSUER_ID = "http://localhost:3000";
const EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const PAT_TYPE = "urn:ietf:params:oauth:token-type:access_token";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
const HANDLERS: Record<string, Handler> = {
  "GET /.well-known/oauth-authorization-server": asMetadata.GET,
  "GET /.well-known/oauth-protected-resource": prMetadata.GET,
  "GET /.well-known/jwks.json": jwksRoute.GET,
  "POST /api/v1/oauth/token": tokenRoute.POST,
  "POST /api/v1/oauth/introspect": introspectRoute.POST,
  "POST /api/v1/oauth/revoke": revokeRoute.POST,
};

/** fetch for the libraries: the request goes to the route handler Next would pick. */
/** The libraries send form bodies (URLSearchParams) or none. */
type FetchInit = { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal };
async function inProcessFetch(url: string, init: FetchInit = { method: "GET", headers: {} }): Promise<Response> {
  const req = new NextRequest(url, {
    method: init.method,
    headers: init.headers,
    body: init.body instanceof URLSearchParams || typeof init.body === "string" ? init.body : undefined,
    signal: init.signal,
  });
  const handler = HANDLERS[`${req.method} ${req.nextUrl.pathname}`];
  if (!handler) return new Response("Not found", { status: 404 });
  const res = await handler(req, { params: Promise.resolve({}) });
  if (res.status >= 500) throw new Error(`${req.method} ${url} answered ${res.status}: ${await res.text()}`);
  return res;
}

const http = { [oauth.customFetch]: inProcessFetch, [oauth.allowInsecureRequests]: true };

async function pat(user: TestUser, scopes: unknown = "all") {
  const res = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "svc", expiresIn: "30d", scopes } });
  expect(res.status).toBe(201);
  return res.json as { token: { id: string }; secret: string };
}

/** The OAuth error code a library call failed with (body or challenge), and its status. */
async function oauthFailure(promise: Promise<unknown>): Promise<{ error: string; status: number; description?: string }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof oauth.ResponseBodyError) return { error: e.error, status: e.status, description: e.error_description };
    if (e instanceof oauth.WWWAuthenticateChallengeError) {
      const [first] = e.cause;
      return { error: first.parameters.error ?? "", status: e.status, description: first.parameters.error_description };
    }
    throw e;
  }
  throw new Error("expected the library to report an OAuth error");
}

const bearer = (jwt: string) => new Request("https://chat.example/api", { headers: { authorization: `Bearer ${jwt}` } });

it("the README's example for service developers is the code these tests run", () => {
  const example = readFileSync(new URL("../docs/examples/service-developer.ts", import.meta.url), "utf8");
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  expect(readme).toContain("```ts\n" + example.slice(example.indexOf("import * as oauth")) + "```");
});

describe("discovery (RFC 8414, RFC 9728)", () => {
  it("oauth4webapi discovers every endpoint from the one description the endpoints use", async () => {
    const as = await example.discover(ISSUER, http);
    expect(as).toMatchObject({
      issuer: ISSUER_ID,
      token_endpoint: `${ISSUER_ID}${AUTHORITY.paths.token}`,
      introspection_endpoint: `${ISSUER_ID}${AUTHORITY.paths.introspection}`,
      revocation_endpoint: `${ISSUER_ID}${AUTHORITY.paths.revocation}`,
      jwks_uri: `${ISSUER_ID}/.well-known/jwks.json`,
      grant_types_supported: [EXCHANGE, "urn:ietf:params:oauth:grant-type:device_code"],
      device_authorization_endpoint: `${ISSUER_ID}${AUTHORITY.paths.deviceAuthorization}`,
      token_endpoint_auth_methods_supported: ["none"],
      introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "Bearer"],
      revocation_endpoint_auth_methods_supported: ["none"],
      service_documentation: `${ISSUER_ID}/docs`,
    });
    // Every advertised endpoint answers (405 or 4xx for an empty GET/POST, never 404).
    for (const endpoint of [as.token_endpoint, as.introspection_endpoint, as.revocation_endpoint]) {
      const res = await inProcessFetch(endpoint!, { method: "POST", headers: {} });
      expect(res.status, endpoint).not.toBe(404);
    }
    expect((await inProcessFetch(as.jwks_uri!)).status).toBe(200);
  });

  it("openid-client discovers it too, and the API's protected-resource metadata points at it", async () => {
    const config = await client.discovery(ISSUER, "my-service", undefined, client.None(), {
      algorithm: "oauth2",
      execute: [client.allowInsecureRequests],
      [client.customFetch]: inProcessFetch,
    });
    expect(config.serverMetadata().token_endpoint).toBe(`${ISSUER_ID}/api/v1/oauth/token`);
    const res = await oauth.resourceDiscoveryRequest(ISSUER, http);
    const resource = await oauth.processResourceDiscoveryResponse(ISSUER, res);
    expect(resource).toMatchObject({ resource: ISSUER_ID, authorization_servers: [ISSUER_ID], bearer_methods_supported: ["header"], resource_documentation: `${ISSUER_ID}/docs` });
  });
});

describe("token exchange (RFC 8693) and RFC 9068 access tokens", () => {
  it("exchanges a PAT for a JWT that validateJwtAccessToken and jose accept", async () => {
    const user = await createTestUser();
    const { secret, token } = await pat(user);
    const as = await example.discover(ISSUER, http);
    const result = await example.exchange(as, secret, "chat-service", "tokens:read", http);
    expect(result).toMatchObject({ token_type: "bearer", scope: "tokens:read", issued_token_type: "urn:ietf:params:oauth:token-type:jwt" });
    const claims = await example.validate(as, bearer(result.access_token), "chat-service", http);
    expect(claims).toMatchObject({ iss: ISSUER_ID, sub: user.id, aud: "chat-service", client_id: token.id, scope: "tokens:read" });
    expect(claims).not.toHaveProperty("email");
    await expect(example.validate(as, bearer(result.access_token), "other-service", http)).rejects.toThrow(/aud/);

    const keys = createLocalJWKSet(await (await jwksRoute.GET()).json());
    const { payload, protectedHeader } = await jwtVerify(result.access_token, keys, { issuer: ISSUER_ID, audience: "chat-service", typ: "at+jwt" });
    expect(protectedHeader.typ).toBe("at+jwt");
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it("adds the email only when the scope asks for it; takes several audiences and resources", async () => {
    const user = await createTestUser();
    const { secret } = await pat(user);
    const as = await example.discover(ISSUER, http);
    const withEmail = await example.exchange(as, secret, "chat-service", "tokens:read email", http);
    expect((await example.validate(as, bearer(withEmail.access_token), "chat-service", http)).email).toBe(user.email);

    const params = new URLSearchParams([
      ["subject_token", secret], ["subject_token_type", PAT_TYPE],
      ["audience", "chat-service"], ["audience", "mail-service"], ["resource", "https://files.example/api"],
    ]);
    const response = await oauth.genericTokenEndpointRequest(as, { client_id: "x" }, oauth.None(), EXCHANGE, params, http);
    const many = await oauth.processGenericTokenEndpointResponse(as, { client_id: "x" }, response);
    for (const audience of ["chat-service", "mail-service", "https://files.example/api"]) {
      const claims = await example.validate(as, bearer(many.access_token), audience, http);
      expect(claims.aud).toEqual(["chat-service", "mail-service", "https://files.example/api"]);
    }
  });

  it("reports every error with its RFC code, as the library reads it", async () => {
    const plain = await createTestUser();
    const { secret } = await pat(plain);
    const as = await example.discover(ISSUER, http);
    const grant = (fields: Record<string, string | string[]>, grantType = EXCHANGE) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) params.append(k, one);
      return oauth.genericTokenEndpointRequest(as, { client_id: "x" }, oauth.None(), grantType, params, http)
        .then((r) => oauth.processGenericTokenEndpointResponse(as, { client_id: "x" }, r));
    };
    const ok = { subject_token: secret, subject_token_type: PAT_TYPE };
    const cases: [string, () => Promise<unknown>, string][] = [
      ["unknown grant type, even with nothing else", () => grant({}, "password"), "unsupported_grant_type"],
      ["no subject_token_type", () => grant({ subject_token: secret }), "invalid_request"],
      ["another subject_token_type", () => grant({ ...ok, subject_token_type: "urn:ietf:params:oauth:token-type:saml2" }), "invalid_request"],
      // A JWT subject type goes to the federation policies, which trust no PAT.
      ["a PAT sent as an id_token", () => grant({ ...ok, subject_token_type: "urn:ietf:params:oauth:token-type:id_token" }), "invalid_grant"],
      ["a made-up subject token", () => grant({ ...ok, subject_token: "pat_nope" }), "invalid_request"],
      ["actor_token without its type", () => grant({ ...ok, actor_token: secret }), "invalid_request"],
      ["delegation (actor_token with its type) is not offered", () => grant({ ...ok, actor_token: secret, actor_token_type: PAT_TYPE }), "invalid_request"],
      ["an unknown requested_token_type", () => grant({ ...ok, requested_token_type: "urn:ietf:params:oauth:token-type:saml2" }), "invalid_request"],
      ["a scope the owner lacks", () => grant({ ...ok, scope: "users:list" }), "invalid_scope"],
      ["a scope that does not exist", () => grant({ ...ok, scope: "tokens:fly" }), "invalid_scope"],
      ["a resource that is not a URI", () => grant({ ...ok, resource: "chat service" }), "invalid_target"],
      ["a resource with a fragment", () => grant({ ...ok, resource: "https://chat.example/#x" }), "invalid_target"],
      ["a repeated parameter", () => grant({ ...ok, scope: ["tokens:read", "tokens:list"] }), "invalid_request"],
    ];
    for (const [label, promise, code] of cases) {
      const failure = await oauthFailure(promise());
      expect(failure.error, label).toBe(code);
      expect(failure.status, label).toBe(400);
      expect(failure.description, label).toEqual(expect.any(String));
    }
  });
});

describe("introspection (RFC 7662) and revocation (RFC 7009)", () => {
  async function service() {
    const account = await createTestUser({ roles: ["user", "introspector"] });
    const { secret, token } = await pat(account, [{ entity: "introspection", operation: "read" }]);
    return { id: token.id, secret };
  }

  it("introspects with client_secret_basic (oauth4webapi and openid-client)", async () => {
    const svc = await service();
    const user = await createTestUser();
    const { secret, token } = await pat(user);
    const as = await example.discover(ISSUER, http);
    expect(await example.introspect(as, svc.id, svc.secret, secret, http)).toMatchObject({ active: true, sub: user.id, client_id: token.id });
    const jwt = (await example.exchange(as, secret, "chat-service", "tokens:read", http)).access_token;
    expect(await example.introspect(as, svc.id, svc.secret, jwt, http)).toMatchObject({ active: true, client_id: token.id, aud: "chat-service" });
    expect(await example.introspect(as, svc.id, svc.secret, "pat_made_up", http)).toEqual({ active: false });

    const config = await client.discovery(ISSUER, svc.id, undefined, client.ClientSecretBasic(svc.secret), {
      algorithm: "oauth2",
      execute: [client.allowInsecureRequests],
      [client.customFetch]: inProcessFetch,
    });
    expect(await client.tokenIntrospection(config, jwt)).toMatchObject({ active: true, sub: user.id });
    // The console's own auth still works there too.
    const bySession = await call(introspectRoute.POST, "/x", { method: "POST", as: await createAdmin(), body: { token: jwt } });
    expect(bySession.json.active).toBe(true);
  });

  it("accepts every client authentication the discovery document lists, and no other", async () => {
    const svc = await service();
    const user = await createTestUser();
    const { secret } = await pat(user);
    const as = await example.discover(ISSUER, http);
    // How a standard client sends each RFC 8414 method; a method advertised without a way here fails.
    // (oauth4webapi's ClientAuth is a function that adds the credentials to the request.)
    const bearer: oauth.ClientAuth = (_as, _client, _body, headers) => headers.set("authorization", `Bearer ${svc.secret}`);
    const ways: Record<string, oauth.ClientAuth> = {
      client_secret_basic: oauth.ClientSecretBasic(svc.secret),
      client_secret_post: oauth.ClientSecretPost(svc.secret),
      Bearer: bearer,
    };
    const advertised = as.introspection_endpoint_auth_methods_supported ?? [];
    expect(advertised.length).toBeGreaterThan(0);
    for (const method of advertised) {
      const way = ways[method];
      expect(way, `a way to send ${method}`).toBeDefined();
      const client = { client_id: svc.id };
      const response = await oauth.introspectionRequest(as, client, way, secret, http);
      expect(await oauth.processIntrospectionResponse(as, client, response), method).toMatchObject({ active: true, sub: user.id });
    }
    // openid-client with client_secret_post, as a service would configure it from discovery.
    const config = await client.discovery(ISSUER, svc.id, undefined, client.ClientSecretPost(svc.secret), {
      algorithm: "oauth2",
      execute: [client.allowInsecureRequests],
      [client.customFetch]: inProcessFetch,
    });
    expect(await client.tokenIntrospection(config, secret)).toMatchObject({ active: true, sub: user.id });
    // A client that isn't authenticated at all, or two ways at once (RFC 6749 section 2.3), is refused.
    const none = await oauthFailure(oauth.introspectionRequest(as, { client_id: svc.id }, oauth.None(), secret, http).then((r) => oauth.processIntrospectionResponse(as, { client_id: svc.id }, r)));
    expect(none).toMatchObject({ error: "invalid_client", status: 401 });
    const twice = await oauthFailure(
      oauth
        .introspectionRequest(as, { client_id: svc.id }, async (...args) => (await oauth.ClientSecretPost(svc.secret)(...args), bearer(...args)), secret, http)
        .then((r) => oauth.processIntrospectionResponse(as, { client_id: svc.id }, r)),
    );
    expect(twice).toMatchObject({ error: "invalid_request", status: 400 });
    // client_secret_post with another token's id is the same refusal as Basic's.
    const wrongId = await oauthFailure(
      oauth.introspectionRequest(as, { client_id: user.id }, oauth.ClientSecretPost(svc.secret), secret, http).then((r) => oauth.processIntrospectionResponse(as, { client_id: user.id }, r)),
    );
    expect(wrongId).toMatchObject({ error: "invalid_client", status: 401 });
  });

  it("refuses bad client credentials (401 invalid_client) and clients without the permission (403)", async () => {
    const svc = await service();
    const plain = await createTestUser();
    const other = await pat(plain);
    const as = await example.discover(ISSUER, http);
    const wrongSecret = await oauthFailure(example.introspect(as, svc.id, other.secret, other.secret, http));
    expect(wrongSecret).toMatchObject({ error: "invalid_client", status: 401 });
    const wrongId = await oauthFailure(example.introspect(as, other.token.id, svc.secret, other.secret, http));
    expect(wrongId).toMatchObject({ error: "invalid_client", status: 401 });
    const notAllowed = await oauthFailure(example.introspect(as, other.token.id, other.secret, svc.secret, http));
    expect(notAllowed).toMatchObject({ error: "insufficient_scope", status: 403 });
  });

  it("a JWT stops being active when it is revoked, or when its PAT is revoked or its owner disabled", async () => {
    const svc = await service();
    const admin = await createAdmin();
    const as = await example.discover(ISSUER, http);
    const active = (token: string) => example.introspect(as, svc.id, svc.secret, token, http).then((r) => r.active);

    const user = await createTestUser();
    const first = await pat(user);
    const jwt = (await example.exchange(as, first.secret, "chat-service", "tokens:read", http)).access_token;
    const sibling = (await example.exchange(as, first.secret, "chat-service", "tokens:read", http)).access_token;
    expect(await active(jwt)).toBe(true);
    await example.revoke(as, jwt, http);
    expect(await active(jwt)).toBe(false);
    expect(await active(sibling)).toBe(true);
    expect(await db.accessTokenDenylist.count({ where: { expiresAt: { gt: new Date() } } })).toBeGreaterThan(0);

    await example.revoke(as, first.secret, http);
    expect(await active(sibling)).toBe(false);
    expect((await call(me.GET, "/x", { token: first.secret })).status).toBe(401);

    const second = await pat(user);
    const third = (await example.exchange(as, second.secret, "chat-service", "tokens:read", http)).access_token;
    expect(await active(third)).toBe(true);
    await call(users.PATCH, "/x", { method: "PATCH", as: admin, params: { id: user.id }, body: { disabled: true } });
    expect(await active(third)).toBe(false);

    // Revoking what is not ours, or garbage, still answers 200 (RFC 7009 2.2).
    await example.revoke(as, "a.b.c", http);
    await example.revoke(as, "pat_unknown", http);
  });

  it("prunes deny-list rows once their JWT has expired", async () => {
    await db.accessTokenDenylist.create({ data: { jti: `old-${crypto.randomUUID()}`, expiresAt: new Date(Date.now() - 60_000) } });
    const user = await createTestUser();
    const { secret } = await pat(user);
    const as = await example.discover(ISSUER, http);
    const jwt = (await example.exchange(as, secret, "chat-service", "tokens:read", http)).access_token;
    await example.revoke(as, jwt, http);
    expect(await db.accessTokenDenylist.count({ where: { expiresAt: { lt: new Date() } } })).toBe(0);
  });
});

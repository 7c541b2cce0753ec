// RFC 6750 / RFC 9728: every 401 and 403 a token caller can get carries a Bearer challenge that
// names the API's protected-resource metadata, and a standard client (oauth4webapi) follows it
// to the authorization server: the whole discovery chain starts from a refused request.
import { NextRequest } from "next/server";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import * as prMetadata from "@/app/.well-known/oauth-protected-resource/route";
import * as hooks from "@/app/api/hooks/[...path]/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as users from "@/app/api/v1/users/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { AUTHORITY } from "@/lib/authority/metadata";
import { call, createAdmin, createTestUser } from "./helpers";

const ISSUER = new URL("http://localhost:3000");
const RESOURCE_METADATA = `http://localhost:3000${AUTHORITY.paths.protectedResourceMetadata}`;

/** The challenges of a response, parsed by oauth4webapi (its WWWAuthenticateChallengeError). */
async function challengesOf(res: { status: number; headers: Headers }) {
  const response = new Response(null, { status: res.status, headers: res.headers });
  try {
    await oauth.protectedResourceRequest("unused", "GET", new URL("http://localhost:3000/x"), undefined, undefined, {
      [oauth.customFetch]: async () => response,
      [oauth.allowInsecureRequests]: true,
    });
  } catch (e) {
    if (e instanceof oauth.WWWAuthenticateChallengeError) return e.cause;
    throw e;
  }
  throw new Error(`no challenge on a ${res.status}`);
}

async function bearerChallenge(res: { status: number; headers: Headers }) {
  const bearer = (await challengesOf(res)).find((c) => c.scheme === "bearer");
  expect(bearer, `a Bearer challenge on ${res.status}: ${res.headers.get("www-authenticate")}`).toBeDefined();
  expect(bearer!.parameters.resource_metadata).toBe(RESOURCE_METADATA);
  return bearer!.parameters;
}

async function pat(user: { id: string }, scopes: unknown = "all") {
  const res = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "cli", expiresIn: "30d", scopes } });
  expect(res.status).toBe(201);
  return res.json as { token: { id: string }; secret: string };
}

describe("Bearer challenges of token callers (RFC 6750, RFC 9728 section 5.1)", () => {
  it("a refused request leads a standard client to the authorization server", async () => {
    const res = await call(me.GET, "/api/v1/me", { token: "pat_not_a_real_token" });
    expect(res.status).toBe(401);
    const params = await bearerChallenge(res);
    expect(params).toMatchObject({ error: "invalid_token", error_description: res.json.error.message });
    // Follow resource_metadata as RFC 9728 says: the document names the authorization server.
    const url = new URL(params.resource_metadata!);
    const metadata = await prMetadata.GET(new NextRequest(url));
    const resource = await oauth.processResourceDiscoveryResponse(ISSUER, metadata);
    expect(resource.authorization_servers).toEqual(["http://localhost:3000"]);
  });

  it("no credentials: 401 with a challenge and no error code (RFC 6750 section 3.1)", async () => {
    const res = await call(me.GET, "/api/v1/me");
    expect(res.status).toBe(401);
    const params = await bearerChallenge(res);
    expect(params.error).toBeUndefined();
    expect(params.realm).toBe("pat-console");
  });

  it("unreadable credentials: 400 invalid_request with the challenge", async () => {
    const res = await call(me.GET, "/api/v1/me", { headers: { authorization: "Bearer a b" } });
    expect(res.status).toBe(400);
    const header = res.headers.get("www-authenticate")!;
    expect(header).toContain('error="invalid_request"');
    expect(header).toContain(`resource_metadata="${RESOURCE_METADATA}"`);
  });

  it("403 from the route's permission, whichever side refused, and from the grant check of regenerate", async () => {
    const user = await createTestUser();
    const ownerLacks = await call(users.GET, "/x", { token: (await pat(user)).secret });
    expect(ownerLacks.status).toBe(403);
    expect(await bearerChallenge(ownerLacks)).toMatchObject({ error: "insufficient_scope", scope: "users:list", error_description: ownerLacks.json.error.message });

    const narrow = await pat(user, [{ entity: "tokens", operation: "read" }]);
    const tokenLacks = await call(tokens.GET, "/x", { token: narrow.secret });
    expect(tokenLacks.status).toBe(403);
    expect(await bearerChallenge(tokenLacks)).toMatchObject({ error: "insufficient_scope", scope: "tokens:list" });

    // A token may regenerate a token, but not hand out a secret wider than itself (lib/tokens/actions.ts).
    const target = await pat(user);
    const updater = await pat(user, [{ entity: "tokens", operation: "update", entityId: target.token.id }]);
    const wider = await call(regenerate.POST, "/x", { method: "POST", token: updater.secret, params: { id: target.token.id }, body: { expiresIn: "7d" } });
    expect(wider.status, JSON.stringify(wider.json)).toBe(403);
    expect(await bearerChallenge(wider)).toMatchObject({ error: "insufficient_scope", error_description: wider.json.error.message });
  });

  it("the introspection endpoint: 403 insufficient_scope for a token caller, 401 with Basic and Bearer challenges", async () => {
    const user = await createTestUser();
    const { secret, token } = await pat(user);
    const form = { "content-type": "application/x-www-form-urlencoded" };
    for (const headers of [{ authorization: `Bearer ${secret}` }, { authorization: `Basic ${btoa(`${token.id}:${secret}`)}` }]) {
      const refused = await call(introspectRoute.POST, "/x", { method: "POST", headers: { ...headers, ...form }, rawBody: "token=x" });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toBe("insufficient_scope");
      expect(await bearerChallenge(refused)).toMatchObject({ error: "insufficient_scope", scope: "introspection:read", error_description: refused.json.error_description });
    }
    const posted = await call(introspectRoute.POST, "/x", { method: "POST", headers: form, rawBody: new URLSearchParams({ token: "x", client_id: token.id, client_secret: secret }).toString() });
    expect(posted.status).toBe(403);
    expect(await bearerChallenge(posted)).toMatchObject({ error: "insufficient_scope" });

    const badToken = await call(introspectRoute.POST, "/x", { method: "POST", headers: { authorization: "Bearer pat_nope", ...form }, rawBody: "token=x" });
    expect(badToken.status).toBe(401);
    const challenges = await challengesOf(badToken);
    expect(challenges.map((c) => c.scheme)).toEqual(["basic", "bearer"]);
    expect(challenges[0].parameters).toMatchObject({ error: "invalid_client", error_description: badToken.json.error_description });
    expect(challenges[1].parameters).toMatchObject({ error: "invalid_token", resource_metadata: RESOURCE_METADATA });

    const anonymous = await call(introspectRoute.POST, "/x", { method: "POST", headers: form, rawBody: "token=x" });
    expect(anonymous.status).toBe(401);
    expect((await bearerChallenge(anonymous)).error).toBeUndefined();
  });

  it("a webhook endpoint that needs its token", async () => {
    const admin = await createAdmin();
    const sender = await pat(admin);
    const path = `ci/${crypto.randomUUID().slice(0, 8)}`;
    const hook = await call(webhooks.POST, "/x", { method: "POST", as: admin, body: { title: "CI", path, authMethod: "token", secretToken: sender.secret } });
    expect(hook.status).toBe(201);
    const req = new NextRequest(`http://localhost:3000/api/hooks/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-pat-client-ip": "198.51.100.9", authorization: "Bearer pat_wrong" },
      body: "{}",
    });
    const res = await hooks.POST(req, { params: Promise.resolve({ path: path.split("/") }) });
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(await bearerChallenge(res)).toMatchObject({ error: "invalid_token", error_description: body.error.message });
  });
});

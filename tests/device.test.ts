// The device authorization grant (RFC 8628), driven by openid-client's device functions (the
// client side nobody here wrote) against the route handlers, and the /device page's calls.
import { NextRequest } from "next/server";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import * as asMetadata from "@/app/.well-known/oauth-authorization-server/route";
import * as decision from "@/app/api/v1/device/decision/route";
import * as lookup from "@/app/api/v1/device/lookup/route";
import * as deviceRoute from "@/app/api/v1/oauth/device_authorization/route";
import * as tokenRoute from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { db } from "@/lib/db";
import { call, createTestUser, type TestUser } from "./helpers";

const ISSUER = new URL("http://localhost:3000");
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
const HANDLERS: Record<string, Handler> = {
  "GET /.well-known/oauth-authorization-server": asMetadata.GET,
  "POST /api/v1/oauth/device_authorization": deviceRoute.POST,
  "POST /api/v1/oauth/token": tokenRoute.POST,
};
type FetchInit = { method: string; headers: Record<string, string>; body?: unknown; signal?: AbortSignal };
async function inProcessFetch(url: string, init: FetchInit = { method: "GET", headers: {} }): Promise<Response> {
  const req = new NextRequest(url, {
    method: init.method,
    headers: { ...init.headers, "x-pat-client-ip": "198.51.100.9" },
    body: init.body instanceof URLSearchParams || typeof init.body === "string" ? init.body : undefined,
  });
  const handler = HANDLERS[`${req.method} ${req.nextUrl.pathname}`];
  if (!handler) return new Response("Not found", { status: 404 });
  const res = await handler(req, { params: Promise.resolve({}) });
  if (res.status >= 500) throw new Error(`${req.method} ${url} answered ${res.status}: ${await res.text()}`);
  return res;
}

const configFor = (clientId: string) =>
  client.discovery(ISSUER, clientId, undefined, client.None(), { algorithm: "oauth2", execute: [client.allowInsecureRequests], [client.customFetch]: inProcessFetch });

const form = (fields: Record<string, string>) => ({ rawBody: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
const poll = (deviceCode: string, clientId = "pat-cli") => call(tokenRoute.POST, "/x", { method: "POST", ...form({ grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: clientId }) });
const start = (fields: Record<string, string> = {}) => call(deviceRoute.POST, "/x", { method: "POST", ...form({ client_id: "pat-cli", ...fields }) });
const decide = (user: TestUser, code: string, approve: boolean) => call(decision.POST, "/x", { method: "POST", as: user, body: { user_code: code, approve } });

describe("device authorization grant (RFC 8628) with openid-client", () => {
  it("the metadata names the device endpoint; the CLI's poll gets a PAT once the person approves", async () => {
    const person = await createTestUser();
    const config = await configFor("pat-cli");
    expect(config.serverMetadata().device_authorization_endpoint).toBe("http://localhost:3000/api/v1/oauth/device_authorization");
    expect(config.serverMetadata().grant_types_supported).toContain(DEVICE_GRANT);
    const started = await client.initiateDeviceAuthorization(config, { scope: "tokens:read tokens:list", expires_in: "7d" });
    expect(started.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(started.verification_uri).toBe("http://localhost:3000/device");
    expect(started.verification_uri_complete).toBe(`http://localhost:3000/device?user_code=${started.user_code}`);
    expect(started.interval).toBe(5);

    // The person types the code (any case, no dash) and sees what is asked.
    const typed = started.user_code.toLowerCase().replace("-", "");
    const shown = await call(lookup.POST, "/x", { method: "POST", as: person, body: { user_code: typed } });
    expect(shown.json).toMatchObject({ clientId: "pat-cli", scopes: ["tokens:read", "tokens:list"], expiresIn: "7d" });
    expect((await decide(person, typed, true)).json).toEqual({ status: "approved" });

    const result = await client.pollDeviceAuthorizationGrant(config, started);
    expect(result.token_type).toBe("bearer");
    expect(result.scope).toBe("tokens:read tokens:list");
    expect(result.expires_in).toBeGreaterThan(7 * 86_400 - 60);
    const listed = await call(tokens.GET, "/api/v1/tokens", { token: result.access_token });
    expect(listed.status).toBe(200);
    const row = await db.token.findFirstOrThrow({ where: { userId: person.id }, include: { scopes: true } });
    expect(row.name).toBe("pat-cli (device sign-in)");
    expect(row.scopes.map((s) => `${s.entity}:${s.operation}`).sort()).toEqual(["tokens:list", "tokens:read"]);
    expect(await db.auditEvent.count({ where: { action: "device.approve", ownerId: person.id } })).toBe(1);
    // Single use: the same device code gets nothing more, and the user code is gone.
    const again = await poll(started.device_code);
    expect(again.json.error).toBe("invalid_grant");
    expect((await call(lookup.POST, "/x", { method: "POST", as: person, body: { user_code: typed } })).status).toBe(404);
  });

  it("a denied sign-in is access_denied to openid-client", async () => {
    const person = await createTestUser();
    const config = await configFor("pat-cli");
    const started = await client.initiateDeviceAuthorization(config, {});
    expect((await call(lookup.POST, "/x", { method: "POST", as: person, body: { user_code: started.user_code } })).json.scopes).toBe("all");
    expect((await decide(person, started.user_code, false)).json).toEqual({ status: "denied" });
    await expect(client.pollDeviceAuthorizationGrant(config, started)).rejects.toMatchObject({ error: "access_denied" });
    expect(await db.auditEvent.count({ where: { action: "device.deny", ownerId: person.id } })).toBe(1);
  });

  it("answers authorization_pending, then slow_down to a client polling too fast, and expired_token", async () => {
    const started = (await start()).json;
    const first = await poll(started.device_code);
    expect([first.status, first.json.error]).toEqual([400, "authorization_pending"]);
    const second = await poll(started.device_code);
    expect([second.status, second.json.error]).toEqual([400, "slow_down"]);
    expect(second.json.error_description).toMatch(/wait 10 seconds/);
    await db.deviceAuthorization.updateMany({ where: { userCode: started.user_code.replace("-", "") }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await poll(started.device_code)).json.error).toBe("expired_token");
  });

  it("refuses unknown codes, another client's code, and bad requests", async () => {
    const started = (await start()).json;
    expect((await poll("nope")).json.error).toBe("invalid_grant");
    expect((await poll(started.device_code, "another-cli")).json.error).toBe("invalid_grant");
    const missing = await call(tokenRoute.POST, "/x", { method: "POST", ...form({ grant_type: DEVICE_GRANT, client_id: "pat-cli" }) });
    expect([missing.status, missing.json.error]).toEqual([400, "invalid_request"]);
    for (const fields of [{ client_id: "" }, { scope: "tokens:fly" }, { expires_in: "5y" }] as Record<string, string>[]) {
      const res = await start(fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(["invalid_request", "invalid_scope"]).toContain(res.json.error);
    }
  });
});

describe("the /device page's calls", () => {
  it("approving checks the person's roles, the admin's maximum lifetime and the SSO rule", async () => {
    const person = await createTestUser();
    const tooMuch = (await start({ scope: "users:list" })).json;
    const refused = await decide(person, tooMuch.user_code, true);
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/don't have: users:list/);

    const before = await db.settings.findUnique({ where: { id: 1 } });
    await db.settings.upsert({ where: { id: 1 }, update: { maxExpiration: "30d", allowSsoPatCreation: false }, create: { id: 1, maxExpiration: "30d", allowSsoPatCreation: false } });
    try {
      const long = (await start({ expires_in: "1y" })).json;
      const res = await decide(person, long.user_code, true);
      expect([res.status, res.json.error.code]).toEqual([403, "policy_violation"]);
      expect(res.json.error.message).toMatch(/maximum set by an admin is 30 days/);
      // Still pending: the person may deny it.
      expect((await decide(person, long.user_code, false)).json.status).toBe("denied");
      const ssoUser = await createTestUser({ kind: "sso" });
      const sso = await decide(ssoUser, (await start({ expires_in: "7d" })).json.user_code, true);
      expect([sso.status, sso.json.error.message]).toEqual([403, "An admin has turned off personal access tokens for SSO users"]);
    } finally {
      await db.settings.update({ where: { id: 1 }, data: { maxExpiration: before?.maxExpiration ?? "never", allowSsoPatCreation: before?.allowSsoPatCreation ?? true } });
    }
  });

  it("refuses a token as approver, malformed and unknown codes, and rate limits the guesses", async () => {
    const person = await createTestUser();
    const started = (await start()).json;
    const token = (await call(tokens.POST, "/x", { method: "POST", as: person, body: { name: "t", expiresIn: "7d" } })).json.secret;
    const withToken = await call(decision.POST, "/x", { method: "POST", token, body: { user_code: started.user_code, approve: true } });
    expect([withToken.status, withToken.json.error.code]).toEqual([403, "forbidden"]);
    expect((await call(lookup.POST, "/x", { method: "POST", as: person, body: { user_code: "AEIO-U123" } })).status).toBe(400);
    expect((await call(lookup.POST, "/x", { method: "POST", as: person, body: {} })).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await call(lookup.POST, "/x", { method: "POST", as: person, body: { user_code: "BCDF-GHJK" } })).status);
    // 20 attempts in 10 minutes: 3 above, 17 here, then 429.
    expect(statuses.slice(0, 17)).toEqual(Array(17).fill(404));
    expect(statuses.at(-1)).toBe(429);
  });
});

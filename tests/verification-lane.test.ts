// The verification lane (server/lane.ts) on a real server: introspection and the permission
// check answered by the custom server before Next's router, with every rule of the route
// handlers, which it runs: the answers, the RFC 6749 / 7662 and console error shapes, the rate
// limit (429), the caller's IP allowlist, a replaced secret in its grace period and the reuse of
// one past it, the body limits (the operation's and the door's), a wrong content type, the
// client address from TRUST_PROXY, the request's log line (marked lane, no secret) and metrics,
// last use. TRUST_PROXY=1: each test calls from its own X-Forwarded-For address, so the
// per-address limits of one test never touch another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastUsed, SERVER_ADMIN, signIn, startServer, type RunningServer } from "./server-process";

let server: RunningServer;
let cookie: string;
let n = 0;
const address = () => `198.51.100.${++n}`;
const basic = (secret: string, user = "") => `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
const FORM = { "content-type": "application/x-www-form-urlencoded" };

type Created = { token: { id: string }; secret: string };

beforeAll(async () => {
  server = await startServer("lane", { TRUST_PROXY: "1", RATE_LIMIT_OAUTH: "5,60,60", USAGE_FLUSH_SECONDS: "1" });
  cookie = (await signIn(server.base, SERVER_ADMIN.email, SERVER_ADMIN.password))!;
  expect(cookie).toMatch(/^next-auth\.session-token=.+/);
}, 900_000);

afterAll(async () => {
  await server?.stop();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { "content-type": "application/json", origin: server.base, cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> };
}

async function createToken(extra: Record<string, unknown> = {}): Promise<Created> {
  const res = await api("POST", "/api/v1/tokens", { name: `lane ${crypto.randomUUID().slice(0, 8)}`, expiresIn: "7d", ...extra });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as unknown as Created;
}

/** `caller`: the calling token's secret, sent as Basic with an empty user; null: no Authorization. */
async function introspect(caller: string | null, token: string, from: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
  const res = await fetch(`${server.base}/api/v1/oauth/introspect`, {
    method: "POST",
    headers: { ...FORM, ...(caller === null ? {} : { authorization: basic(caller) }), "x-forwarded-for": from, ...init.headers },
    body: init.body ?? new URLSearchParams({ token }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

describe("introspection in the lane", () => {
  it("answers active with the claims for a valid PAT, inactive for unknown and revoked ones, with the API's headers", async () => {
    const caller = await createToken();
    const asked = await createToken();
    const from = address();
    const active = await introspect(caller.secret, asked.secret, from);
    expect(active.status).toBe(200);
    expect(active.json).toMatchObject({ active: true, token_type: "personal_access_token", token_id: asked.token.id, client_id: asked.token.id, username: SERVER_ADMIN.email });
    expect(active.headers.get("cache-control")).toBe("no-store");
    expect(active.headers.get("x-content-type-options")).toBe("nosniff");
    expect(active.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(active.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    expect((await introspect(caller.secret, "pat_not_a_real_token_at_all", from)).json).toEqual({ active: false });
    expect((await api("POST", `/api/v1/tokens/${asked.token.id}/revoke`, {})).status).toBe(200);
    expect((await introspect(caller.secret, asked.secret, from)).json).toEqual({ active: false });
  });

  it("takes client_secret_post and Bearer as the caller's credential too", async () => {
    const caller = await createToken();
    const from = address();
    const post = await introspect(null, caller.secret, from, {
      body: new URLSearchParams({ token: caller.secret, client_secret: caller.secret }),
    });
    expect(post.status).toBe(200);
    expect(post.json).toMatchObject({ active: true, token_id: caller.token.id });
    const bearer = await introspect(null, caller.secret, from, { headers: { authorization: `Bearer ${caller.secret}` } });
    expect(bearer.json).toMatchObject({ active: true });
  });

  it("refuses a caller without a valid credential in RFC 6749 shape, with the challenge", async () => {
    const res = await introspect("pat_wrong_secret_for_the_lane_test", "x", address());
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: "invalid_client", error_description: expect.any(String) });
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic|^Bearer/);
    const none = await fetch(`${server.base}/api/v1/oauth/introspect`, { method: "POST", headers: FORM, body: "token=x" });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toBe("invalid_client");
  });

  it("takes the console session of an admin, from the console's own origin only (CSRF)", async () => {
    const asked = await createToken();
    const from = address();
    const withOrigin = await introspect(null, asked.secret, from, { headers: { cookie, origin: server.base } });
    expect(withOrigin.status).toBe(200);
    expect(withOrigin.json).toMatchObject({ active: true, token_id: asked.token.id });
    const crossSite = await introspect(null, asked.secret, from, { headers: { cookie, origin: "https://evil.example" } });
    // RFC 6749 shape: the console's 403 cross_origin is an OAuth invalid_client.
    expect(crossSite.status).toBe(401);
    expect(crossSite.json).toEqual({ error: "invalid_client", error_description: expect.stringMatching(/Cross-origin/) });
  });

  it("counts calls per client address (TRUST_PROXY) and answers 429 past the limit, for that address only", async () => {
    const caller = await createToken();
    const from = address();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await introspect(caller.secret, caller.secret, from)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await introspect(caller.secret, caller.secret, from);
    expect(limited.json).toEqual({ error: "invalid_request", error_description: expect.any(String) });
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await introspect(caller.secret, caller.secret, address())).status).toBe(200);
  });

  it("takes the client address from the server, never from a header the client sends under its internal name", async () => {
    const caller = await createToken({ allowedIps: ["203.0.113.0/24"] });
    const forged = await introspect(caller.secret, caller.secret, address(), { headers: { "x-pat-client-ip": "203.0.113.9" } });
    expect(forged.status).toBe(400);
    expect(forged.json).toEqual({ error: "invalid_request", error_description: expect.stringMatching(/not in its allowlist/) });
  });

  it("applies the caller token's IP allowlist to the address the server decided", async () => {
    const caller = await createToken({ allowedIps: ["203.0.113.0/24"] });
    expect((await introspect(caller.secret, caller.secret, "203.0.113.9")).status).toBe(200);
    const from = address();
    const refused = await introspect(caller.secret, caller.secret, from);
    // RFC 6749 shape: the console's 403 ip_not_allowed is an OAuth invalid_request.
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ error: "invalid_request", error_description: `This token may not be used from ${from}: the address is not in its allowlist` });
  });

  it("lets a replaced secret in its grace period authenticate, and revokes the token when a secret past it is used", async () => {
    const caller = await createToken();
    const from = address();
    const graced = await api("POST", `/api/v1/tokens/${caller.token.id}/regenerate`, { expiresIn: "7d", graceSeconds: 3600 });
    expect(graced.status).toBe(200);
    const second = graced.json.secret as string;
    expect((await introspect(caller.secret, second, from)).json).toMatchObject({ active: true, token_id: caller.token.id });

    const asked = await createToken();
    const replaced = await api("POST", `/api/v1/tokens/${asked.token.id}/regenerate`, { expiresIn: "7d", graceSeconds: 0 });
    const current = replaced.json.secret as string;
    expect((await introspect(second, current, from)).json).toMatchObject({ active: true });
    // The old secret, past its (zero) grace: a reuse. Inactive, and the token is revoked.
    expect((await introspect(second, asked.secret, from)).json).toEqual({ active: false });
    expect((await introspect(second, current, from)).json).toEqual({ active: false });
  });

  it("keeps the body limits: the operation's (413 in RFC shape) and the door's", async () => {
    const caller = await createToken();
    const from = address();
    const big = await introspect(caller.secret, "", from, { body: `token=${"a".repeat(70 * 1024)}` });
    expect(big.status).toBe(413);
    expect(big.json).toEqual({ error: "invalid_request", error_description: expect.stringMatching(/larger than 64 KiB/) });
    const huge = await introspect(caller.secret, "", address(), { body: `token=${"a".repeat(300 * 1024)}` });
    expect(huge.status).toBe(413);
    expect(huge.json).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
  });

  it("refuses a body that is neither a form nor JSON, and a form without a token, as invalid_request", async () => {
    const caller = await createToken();
    const from = address();
    const text = await introspect(caller.secret, "", from, { headers: { "content-type": "text/plain" }, body: "token=abc" });
    expect(text.status).toBe(400);
    expect(text.json).toEqual({ error: "invalid_request", error_description: expect.any(String) });
    const missing = await introspect(caller.secret, "", from, { body: "nothing=here" });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: "invalid_request" });
  });

  it("writes one log line per call, marked lane, with the caller's token id and no secret; counts metrics; records last use", async () => {
    const caller = await createToken();
    const asked = await createToken();
    const requestId = `lane-${crypto.randomUUID()}`;
    const res = await introspect(caller.secret, asked.secret, address(), { headers: { "x-request-id": requestId } });
    expect(res.headers.get("x-request-id")).toBe(requestId);
    await expect.poll(() => server.output().includes(requestId)).toBe(true);
    const line = server.output().split("\n").find((l) => l.includes(requestId))!;
    expect(JSON.parse(line)).toMatchObject({ msg: "request", reqId: requestId, method: "POST", route: "/api/v1/oauth/introspect", status: 200, tokenId: caller.token.id, lane: true });
    expect(server.output()).not.toContain(caller.secret);
    expect(server.output()).not.toContain(asked.secret);

    const metrics = await fetch(`${server.base}/api/metrics`, { headers: { authorization: `Bearer ${caller.secret}` } }).then((r) => r.text());
    expect(metrics).toMatch(/pat_http_requests_total\{route="\/api\/v1\/oauth\/introspect",method="POST",status="200"\} [1-9]/);
    expect(metrics).toMatch(/pat_token_verifications_total\{outcome="ok"\} [1-9]/);
    await expect.poll(async () => (await lastUsed(server.databaseUrl, [caller.token.id])).get(caller.token.id) ?? null, { timeout: 30_000 }).not.toBeNull();
  });
});

describe("the permission check in the lane", () => {
  async function check(secret: string | null, body: string, from = address()) {
    const res = await fetch(`${server.base}/api/v1/permissions/check`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": from, ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
      body,
    });
    return { status: res.status, headers: res.headers, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  }

  it("answers allowed for what the token may do, not for what it may not", async () => {
    const scoped = await createToken({ scopes: [{ entity: "tokens", operation: "read" }] });
    expect((await check(scoped.secret, JSON.stringify({ entity: "tokens", operation: "read" }))).json).toEqual({ allowed: true });
    expect((await check(scoped.secret, JSON.stringify({ entity: "users", operation: "update" }))).json).toEqual({ allowed: false });
  });

  it("refuses bad input, a missing credential and a wrong token in the console's error shape", async () => {
    const caller = await createToken();
    const bad = await check(caller.secret, "{not json");
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: { code: "invalid_json", message: expect.any(String) } });
    const unknownField = await check(caller.secret, JSON.stringify({ entity: "tokens" }));
    expect(unknownField.status).toBe(400);
    expect((unknownField.json!.error as { code: string }).code).toBe("invalid_request");
    const none = await check(null, JSON.stringify({ entity: "tokens", operation: "read" }));
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const wrong = await check("pat_this_is_not_a_token_of_ours", JSON.stringify({ entity: "tokens", operation: "read" }));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: { code: "invalid_token", message: expect.any(String) } });
  });
});

// The logs of a real server (its whole stdout and stderr) after secrets went through every way
// in: Bearer, Basic with an empty user and with the token id, X-Personal-Token, a session cookie,
// a password sign-in (right and wrong), the OAuth token exchange (subject_token), introspection,
// revoke by secret, a webhook with a token, a malformed and a wrong token. Not one secret, cookie
// value or password may appear; and the request lines must be there (so the scan can fail).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSecret } from "@/lib/tokens/format";
import { SERVER_ADMIN, SERVER_AUTH_SECRET, signIn, startServer, type RunningServer } from "./server-process";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer("logs", { LOG_LEVEL: "debug" });
}, 900_000);

afterAll(async () => {
  await server?.stop();
});

type Line = Record<string, unknown> & { msg?: string; reqId?: string; route?: string; tokenId?: string; actorId?: string; status?: number };

function jsonLines(text: string): Line[] {
  return text.split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line) as Line];
    } catch {
      return [];
    }
  });
}

describe("structured logs of a real server", () => {
  it("carry request lines with ids and never a secret, cookie or password", async () => {
    const { base } = server;
    const secrets: string[] = [SERVER_ADMIN.password, SERVER_AUTH_SECRET];
    const wrongPassword = `wrong-${crypto.randomUUID()}`;
    secrets.push(wrongPassword);
    const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    const jsonHeaders = { "content-type": "application/json", origin: base };
    const form = { "content-type": "application/x-www-form-urlencoded" };

    // A wrong password, then the right one (the session cookie is a secret too).
    expect(await signIn(base, SERVER_ADMIN.email, wrongPassword)).toBeNull();
    const cookie = await signIn(base, SERVER_ADMIN.email, SERVER_ADMIN.password);
    expect(cookie).toMatch(/^next-auth\.session-token=[^;]+$/);
    secrets.push(cookie!.slice(cookie!.indexOf("=") + 1));

    const create = async (name: string) => {
      const res = await fetch(`${base}/api/v1/tokens`, { method: "POST", headers: { ...jsonHeaders, cookie: cookie! }, body: JSON.stringify({ name, expiresIn: "7d" }) });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { token: { id: string }; secret: string };
      secrets.push(body.secret);
      return body;
    };
    const main = await create("logs main");
    const doomed = await create("logs revoked by secret");
    const hookToken = await create("logs hook");

    const me = (headers: Record<string, string>) => fetch(`${base}/api/v1/me`, { headers }).then(async (r) => ({ status: r.status, id: r.headers.get("x-request-id"), body: await r.text() }));
    const bearer = await me({ authorization: `Bearer ${main.secret}`, "x-request-id": "logs-test-req-0001" });
    expect([bearer.status, bearer.id]).toEqual([200, "logs-test-req-0001"]);
    expect((await me({ authorization: basic("", main.secret) })).status).toBe(200);
    expect((await me({ authorization: basic(main.token.id, main.secret) })).status).toBe(200);
    expect((await me({ "x-personal-token": main.secret })).status).toBe(200);
    expect((await me({ cookie: cookie! })).status).toBe(200);
    const malformed = `pat_${crypto.randomUUID()}`;
    const wrong = mintSecret("pat_").secret;
    secrets.push(malformed, wrong);
    expect((await me({ authorization: `Bearer ${malformed}` })).status).toBe(401);
    expect((await me({ authorization: `Bearer ${wrong}` })).status).toBe(401);

    // OAuth: exchange (the JWT is a secret as well), introspection, revoke by secret.
    const exchanged = await fetch(`${base}/api/v1/oauth/token`, {
      method: "POST",
      headers: form,
      body: new URLSearchParams({
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: main.secret,
        subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      }),
    });
    expect(exchanged.status).toBe(200);
    const jwt = ((await exchanged.json()) as { access_token: string }).access_token;
    secrets.push(jwt);
    const introspected = await fetch(`${base}/api/v1/oauth/introspect`, { method: "POST", headers: { ...form, authorization: basic("", main.secret) }, body: new URLSearchParams({ token: jwt }) });
    expect(((await introspected.json()) as { active: boolean }).active).toBe(true);
    const revoked = await fetch(`${base}/api/v1/oauth/revoke`, { method: "POST", headers: form, body: new URLSearchParams({ token: doomed.secret }) });
    expect(revoked.status).toBe(200);

    // A webhook guarded by a token, called with it.
    const path = `logs-${crypto.randomUUID().slice(0, 8)}`;
    const hook = await fetch(`${base}/api/v1/webhooks`, {
      method: "POST",
      headers: { ...jsonHeaders, cookie: cookie! },
      body: JSON.stringify({ title: "logs", path, authMethod: "token", secretToken: hookToken.secret }),
    });
    expect(hook.status).toBe(201);
    const delivered = await fetch(`${base}/api/hooks/${path}`, { method: "POST", headers: { authorization: `Bearer ${hookToken.secret}`, "content-type": "application/json" }, body: '{"event":"push"}' });
    expect(delivered.status).toBe(202);

    // The lines are written when each response closes: wait for the webhook's.
    await expect.poll(() => jsonLines(server.output()).some((l) => l.route === "/api/hooks/:path"), { timeout: 10_000 }).toBe(true);
    const output = server.output();
    for (const secret of secrets) expect(output.includes(secret), `a secret of ${secret.length} characters is in the logs`).toBe(false);
    // Nor a fragment of one (a secret cut by a formatter): the token's random part alone.
    for (const secret of secrets.filter((s) => s.startsWith("pat_"))) expect(output.includes(secret.slice(4, 30))).toBe(false);

    // And the lines are there: one per call, with request id, route, status, duration, actor and token.
    const lines = jsonLines(output).filter((l) => l.msg === "request");
    const first = lines.find((l) => l.reqId === "logs-test-req-0001");
    expect(first).toMatchObject({ level: "info", method: "GET", route: "/api/v1/me", status: 200, tokenId: main.token.id, actorId: expect.any(String) });
    expect(typeof first!.durationMs).toBe("number");
    const meLines = lines.filter((l) => l.route === "/api/v1/me");
    expect(meLines.filter((l) => l.status === 200)).toHaveLength(5);
    expect(meLines.filter((l) => l.status === 401)).toHaveLength(2);
    expect(meLines.filter((l) => l.tokenId === main.token.id)).toHaveLength(4);
    expect(lines.some((l) => l.route === "/api/auth/callback" && l.method === "POST")).toBe(true);
    expect(lines.find((l) => l.route === "/api/v1/oauth/token")).toMatchObject({ status: 200, tokenId: main.token.id });
    expect(lines.find((l) => l.route === "/api/v1/oauth/introspect")).toMatchObject({ status: 200, tokenId: main.token.id });
    expect(lines.find((l) => l.route === "/api/hooks/:path")).toMatchObject({ status: 202, tokenId: hookToken.token.id });
    expect(new Set(lines.map((l) => l.reqId)).size).toBe(lines.length); // one id per request

    // The same requests, counted by route template in the metrics (main holds every permission).
    const metrics = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${main.secret}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/pat_http_requests_total\{route="\/api\/v1\/me",method="GET",status="200"\} 5/);
    expect(text).toMatch(/pat_http_requests_total\{route="\/api\/hooks\/:path",method="POST",status="202"\} 1/);
    expect(text).toMatch(/pat_sign_ins_total\{method="password",outcome="failure"\} 1/);
    expect(text).not.toMatch(/route="[^"]*(logs-|cm[a-z0-9]{20})/); // no raw paths or ids as labels
  }, 120_000);
});

// Graceful shutdown of a real server (`npm start`'s path, SQLite or TEST_DATABASE_URL's
// PostgreSQL): on SIGTERM a request already in flight completes, no new connection is taken,
// the last-used writes still queued (they are batched, written once a second) reach the database,
// and the process exits 0.
import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, lastUsed, SERVER_ADMIN, signIn, startServer, type RunningServer } from "./server-process";

let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop("SIGKILL");
});

/** A webhook POST whose headers reached the server (it answered 100 Continue) and whose body is
 * not sent yet: a request in flight for as long as the test likes. */
function slowRequest(url: string): Promise<{ finish: (body: string) => Promise<{ status: number; body: string }> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", expect: "100-continue", "transfer-encoding": "chunked" } });
    const response = new Promise<{ status: number; body: string }>((done, fail) => {
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => done({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", fail);
    });
    req.on("error", reject);
    req.on("continue", () =>
      resolve({
        finish: (body) => {
          req.end(body);
          return response;
        },
      }),
    );
    req.flushHeaders();
  });
}

/** METRICS_PORT: the metrics on their own port (no auth), the same counters the app counts. */
async function scrapeMetricsPort(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  return res.text();
}

describe("graceful shutdown", () => {
  it("SIGTERM: the request in flight completes, every pending last-used write is flushed, exit 0", async () => {
    const metricsPort = await freePort();
    server = await startServer("shutdown", { SHUTDOWN_TIMEOUT_SECONDS: "60", METRICS_PORT: String(metricsPort) });
    const { base } = server;
    const cookie = await signIn(base, SERVER_ADMIN.email, SERVER_ADMIN.password);
    expect(cookie).toMatch(/^next-auth\.session-token=[^;]+$/);
    const headers = { "content-type": "application/json", origin: base, cookie: cookie! };
    const tokens: { id: string; secret: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${base}/api/v1/tokens`, { method: "POST", headers, body: JSON.stringify({ name: `shutdown ${i}`, expiresIn: "7d" }) });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { token: { id: string }; secret: string };
      tokens.push({ id: body.token.id, secret: body.secret });
    }
    const path = `shutdown-${crypto.randomUUID().slice(0, 8)}`;
    expect((await fetch(`${base}/api/v1/webhooks`, { method: "POST", headers, body: JSON.stringify({ title: "slow", path, authMethod: "none" }) })).status).toBe(201);
    expect((await lastUsed(server.databaseUrl, tokens.map((t) => t.id))).size).toBe(tokens.length);

    // METRICS_PORT is set: /api/metrics is not there (answered before any token check).
    expect((await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${tokens[0].secret}` } })).status).toBe(404);
    const slow = await slowRequest(`${base}/api/hooks/${path}`);
    // Each token used once, last thing before the signal: their writes are queued, not yet written.
    const uses = await Promise.all(tokens.map((t) => fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${t.secret}` } }).then((r) => r.status)));
    expect(uses.every((s) => s === 200)).toBe(true);
    // The requests are counted as each answer is handed to the socket: poll for the last one.
    let scraped = "";
    await expect.poll(async () => (scraped = await scrapeMetricsPort(metricsPort)), { timeout: 10_000 }).toMatch(/route="\/api\/v1\/me",method="GET",status="200"\} 12\n/);
    const exit = server.stop("SIGTERM");

    // Draining: no new connection is accepted (the signal may take a moment to land).
    await expect.poll(() => fetch(`${base}/api/health`).then(() => "served", () => "refused"), { timeout: 10_000 }).toBe("refused");
    const done = await slow.finish('{"event":"late"}');
    expect(done.status, done.body).toBe(202);
    expect(await exit).toBe(0);

    // One registry in the process: what the app counted (verifications, HTTP by route) is what
    // the server script serves on the metrics port.
    expect(scraped).toMatch(/pat_token_verifications_total\{outcome="ok"\} 12\n/);
    expect(scraped).toMatch(/pat_http_requests_total\{route="\/api\/v1\/me",method="GET",status="200"\} 12\n/);
    const written = await lastUsed(server.databaseUrl, tokens.map((t) => t.id));
    const missing = tokens.filter((t) => !written.get(t.id));
    expect(missing.map((t) => t.id), "last-used writes lost at shutdown").toEqual([]);
    expect(server.output()).toContain('"msg":"Stopped"');
  }, 900_000);
});

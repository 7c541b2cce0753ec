// Several workers behind one port (`npm start` with WEB_CONCURRENCY=2, SQLite or
// TEST_DATABASE_URL's PostgreSQL): each worker has its own token cache, kept for 5 minutes here,
// so without the workers' sync a revoked token would still pass on the worker that did not
// revoke it. Both workers are seen answering (the pid on their request lines), both cache the
// token, one revokes it (or disables the service account that owns it), and every request after
// that answered is refused, on both workers, at once. METRICS_PORT (the primary) sums both workers. A worker killed outright is
// replaced; SIGTERM stops them all, exit 0.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, SERVER_ADMIN, signIn, startServer, type RunningServer } from "./server-process";

let server: RunningServer;
let cookie: string;
let metricsPort: number;
/** Every 200 of GET /api/v1/me so far, whichever worker answered. */
let answered = 0;

beforeAll(async () => {
  metricsPort = await freePort();
  server = await startServer("workers", { WEB_CONCURRENCY: "2", TOKEN_CACHE_TTL_SECONDS: "300", METRICS_PORT: String(metricsPort) });
  cookie = (await signIn(server.base, SERVER_ADMIN.email, SERVER_ADMIN.password))!;
}, 900_000);

afterAll(async () => {
  await server?.stop("SIGKILL");
});

type Line = { reqId?: string; pid?: number; msg?: string };
const lines = (): Line[] =>
  server.output().split("\n").flatMap((line) => {
    if (!line.startsWith("{")) return [];
    try {
      return [JSON.parse(line) as Line];
    } catch {
      return [];
    }
  });

/** GET /api/v1/me with the token on a connection of its own; the status and the pid of the worker that answered. */
async function me(secret: string): Promise<{ status: number; pid: number }> {
  const reqId = `workers-${crypto.randomUUID()}`;
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(`${server.base}/api/v1/me`, { agent: false, headers: { authorization: `Bearer ${secret}`, "x-request-id": reqId } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
  // The request line is written as the answer ends.
  await expect.poll(() => lines().some((l) => l.reqId === reqId && l.pid !== undefined)).toBe(true);
  return { status, pid: lines().find((l) => l.reqId === reqId)!.pid! };
}

async function createToken(): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${server.base}/api/v1/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.base, cookie },
    body: JSON.stringify({ name: `workers ${crypto.randomUUID().slice(0, 8)}`, expiresIn: "7d" }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { token: { id: string }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

/** Calls until each of the two workers answered `expected` at least `each` times (bounded). */
async function onBothWorkers(secret: string, expected: number, each = 2) {
  const seen = new Map<number, number>();
  for (let i = 0; i < 60 && !(seen.size === 2 && [...seen.values()].every((n) => n >= each)); i++) {
    const { status, pid } = await me(secret);
    expect(status).toBe(expected);
    if (status === 200) answered++;
    seen.set(pid, (seen.get(pid) ?? 0) + 1);
  }
  expect(seen.size).toBe(2);
  return [...seen.keys()];
}

describe("WEB_CONCURRENCY=2", () => {
  it("a revoke on one worker is refused by the other before the revoke answers", async () => {
    const token = await createToken();
    const pids = await onBothWorkers(token.secret, 200); // both workers have it cached now
    expect(pids).not.toContain(server.child.pid);

    const revoked = await fetch(`${server.base}/api/v1/tokens/${token.id}/revoke`, { method: "POST", headers: { origin: server.base, cookie } });
    expect(revoked.status).toBe(200);
    // No waiting: the very next requests, whichever worker takes them, are refused.
    expect((await onBothWorkers(token.secret, 401)).sort()).toEqual(pids.sort());
  });

  it("disabling a service account on one worker stops its token on both before the change answers", async () => {
    const post = (path: string, body: unknown, method = "POST") =>
      fetch(`${server.base}${path}`, { method, headers: { "content-type": "application/json", origin: server.base, cookie }, body: JSON.stringify(body) });
    const account = await post("/api/v1/service-accounts", { name: `workers-bot-${crypto.randomUUID().slice(0, 8)}` });
    expect(account.status).toBe(201);
    const { id } = (await account.json()) as { id: string };
    const created = await post(`/api/v1/service-accounts/${id}/tokens`, { name: "deploy", expiresIn: "7d" });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    const pids = await onBothWorkers(secret, 200); // both workers have the account's token cached

    const disabled = await post(`/api/v1/service-accounts/${id}`, { disabled: true }, "PATCH");
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as { disabled: boolean }).disabled).toBe(true);
    expect((await onBothWorkers(secret, 401)).sort()).toEqual(pids.sort());
  });

  it("METRICS_PORT sums both workers' counters", async () => {
    const scrape = () => fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((r) => r.text());
    await expect.poll(scrape).toContain(`pat_http_requests_total{route="/api/v1/me",method="GET",status="200"} ${answered}\n`);
  });

  it("a worker that dies is replaced, and the new one is kept in step too", async () => {
    const token = await createToken();
    const [victim] = await onBothWorkers(token.secret, 200);
    process.kill(victim, "SIGKILL");
    await expect.poll(() => server.output().includes(`Worker ${victim} died (signal SIGKILL); starting another`), { timeout: 10_000 }).toBe(true);
    // The replacement serves (and caches the token), then a revoke reaches it as well.
    let pids: number[] = [];
    await expect.poll(async () => (pids = await onBothWorkers(token.secret, 200).catch(() => [])).length, { timeout: 120_000, interval: 500 }).toBe(2);
    expect(pids).not.toContain(victim);
    const revoked = await fetch(`${server.base}/api/v1/tokens/${token.id}/revoke`, { method: "POST", headers: { origin: server.base, cookie } });
    expect(revoked.status).toBe(200);
    expect((await onBothWorkers(token.secret, 401)).sort()).toEqual(pids.sort());
  }, 180_000);

  it("SIGTERM stops every worker gracefully: exit 0", async () => {
    expect(await server.stop("SIGTERM")).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: stopping 2 workers/);
  }, 60_000);
});

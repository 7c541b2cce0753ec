// GET /api/metrics: who may read it (metrics:read; 404 when METRICS_PORT serves them elsewhere),
// and that the counters move with what happens: token verifications by outcome, their latency,
// cache hits and misses, rate-limit refusals, sign-ins, database errors, HTTP requests.
import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/api/metrics/route";
import * as me from "@/app/api/v1/me/route";
import * as users from "@/app/api/v1/users/route";
import { authorizeCredentials } from "@/lib/auth/next-auth";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { toApiError } from "@/lib/errors";
import { methodLabel, observeRequest, routeLabel } from "@/server/observe";
import { currentRequest } from "@/lib/observability/request-context";
import { getCatalog } from "@/lib/permissions/catalog";
import { isAllowed } from "@/lib/permissions/check";
import { createRateLimits } from "@/lib/rate-limit";
import { call, createAdmin, createTestUser, expectErrorShape } from "./helpers";
import { storeToken } from "./routes";

afterEach(() => {
  delete process.env.METRICS_PORT;
});

/** The value of one sample of the exposition text (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(/,(?=[a-zA-Z_]+=")/) : [];
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(match[3]);
  }
  return 0;
}

let scraper: string;
async function scrape(): Promise<string> {
  scraper ??= (await storeToken((await createAdmin()).id, [{ entity: "metrics", operation: "read" }])).secret;
  const res = await call(metricsRoute.GET, "/api/metrics", { token: scraper, headers: { [CLIENT_IP_HEADER]: "198.51.100.250" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return res.json as string;
}

const verifications = async (outcome: string) => sample(await scrape(), "pat_token_verifications_total", { outcome });

describe("GET /api/metrics: who may read it", () => {
  it("401 without credentials, 403 without metrics:read, 200 with it", async () => {
    const none = await call(metricsRoute.GET, "/api/metrics");
    expect(none.status).toBe(401);
    expectErrorShape(none.json);

    const user = await createTestUser();
    expect((await call(metricsRoute.GET, "/api/metrics", { as: user })).json.error.code).toBe("forbidden");
    const userToken = await storeToken(user.id, "all");
    expect((await call(metricsRoute.GET, "/api/metrics", { token: userToken.secret })).status).toBe(403);

    const admin = await createAdmin();
    const narrow = await storeToken(admin.id, [{ entity: "tokens", operation: "read" }]);
    const refused = await call(metricsRoute.GET, "/api/metrics", { token: narrow.secret });
    expect([refused.status, refused.json.error.code]).toEqual([403, "insufficient_scope"]);
    expect(refused.headers.get("www-authenticate")).toContain('scope="metrics:read"');

    expect((await call(metricsRoute.GET, "/api/metrics", { as: admin })).status).toBe(200);
    const text = await scrape();
    expect(text).toContain("# TYPE pat_token_verifications_total counter");
    expect(text).toContain("# TYPE pat_token_verification_duration_seconds histogram");
    expect(text).toContain("pat_process_cpu_seconds_total"); // prom-client's default metrics
  });

  it("metrics:read is in the catalogue: admins hold it, users don't", () => {
    const catalog = getCatalog();
    expect(catalog.entities.find((e) => e.name === "metrics")?.operations).toEqual(["read"]);
    expect(isAllowed(catalog, ["admin"], null, { entity: "metrics", operation: "read" })).toBe(true);
    expect(isAllowed(catalog, ["user"], null, { entity: "metrics", operation: "read" })).toBe(false);
  });

  it("answers 404 to everyone when METRICS_PORT serves the metrics on their own port", async () => {
    const admin = await createAdmin();
    process.env.METRICS_PORT = "9464";
    reloadEnv();
    for (const options of [{}, { as: admin }]) {
      const res = await call(metricsRoute.GET, "/api/metrics", options);
      expect(res.status).toBe(404);
      expectErrorShape(res.json);
    }
    delete process.env.METRICS_PORT;
    reloadEnv();
    expect((await call(metricsRoute.GET, "/api/metrics", { as: admin })).status).toBe(200);
  });
});

describe("the counters move", () => {
  it("token verifications by outcome, their latency, cache hits and misses, scope refusals", async () => {
    const owner = await createTestUser();
    const good = await storeToken(owner.id, "all");
    const revoked = await storeToken(owner.id, "all", { revokedAt: new Date() });
    const expired = await storeToken(owner.id, "all", { expiresAt: new Date(Date.now() - 1000) });
    const narrow = await storeToken((await createAdmin()).id, [{ entity: "tokens", operation: "read" }]); // the owner may list users, the token may not
    const disabledOwner = await createTestUser();
    const disabled = await storeToken(disabledOwner.id, "all");
    await db.user.update({ where: { id: disabledOwner.id }, data: { disabled: true } });

    const before = await scrape();
    const ip = { [CLIENT_IP_HEADER]: "198.51.100.1" };
    expect((await call(me.GET, "/x", { token: good.secret, headers: ip })).status).toBe(200); // miss, then stored
    expect((await call(me.GET, "/x", { token: good.secret, headers: ip })).status).toBe(200); // hit
    expect((await call(me.GET, "/x", { token: "pat_not-even-close", headers: ip })).status).toBe(401);
    expect((await call(me.GET, "/x", { token: `pat_${"A".repeat(38)}`, headers: ip })).status).toBe(401);
    expect((await call(me.GET, "/x", { token: revoked.secret, headers: ip })).status).toBe(401);
    expect((await call(me.GET, "/x", { token: expired.secret, headers: ip })).status).toBe(401);
    expect((await call(me.GET, "/x", { token: disabled.secret, headers: ip })).status).toBe(401);
    expect((await call(users.GET, "/x", { token: narrow.secret, headers: ip })).status).toBe(403);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    // Each scrape is itself a verified token call: +1 ok for the scrape between the samples.
    expect(moved("pat_token_verifications_total", { outcome: "ok" })).toBe(2 + 1 + 1); // good x2, narrow, one scrape
    expect(moved("pat_token_verifications_total", { outcome: "malformed" })).toBeGreaterThanOrEqual(1);
    expect(moved("pat_token_verifications_total", { outcome: "malformed" }) + moved("pat_token_verifications_total", { outcome: "unknown" })).toBe(2);
    expect(moved("pat_token_verifications_total", { outcome: "revoked" })).toBe(1);
    expect(moved("pat_token_verifications_total", { outcome: "expired" })).toBe(1);
    expect(moved("pat_token_verifications_total", { outcome: "disabled" })).toBe(1);
    expect(moved("pat_token_verifications_total", { outcome: "scope" })).toBe(1);
    expect(sample(after, "pat_token_verifications_total", { outcome: "ip" })).toBeGreaterThanOrEqual(0);
    expect(after).toMatch(/pat_token_verifications_total\{outcome="ip"\} \d+/);
    expect(moved("pat_token_verification_duration_seconds_count", {})).toBe(9); // 8 calls and a scrape
    expect(moved("pat_token_cache_lookups_total", { result: "hit" })).toBeGreaterThanOrEqual(1);
    expect(moved("pat_token_cache_lookups_total", { result: "miss" })).toBeGreaterThanOrEqual(5);
  });

  it("rate-limit refusals by limiter", async () => {
    const limits = createRateLimits({ kind: "memory" }, {
      SIGNIN_ACCOUNT_ADDRESS: { points: 100, windowSeconds: 60, lockSeconds: 60 },
      SIGNIN_ADDRESS: { points: 100, windowSeconds: 60, lockSeconds: 60 },
      SIGNIN_ACCOUNT: { points: 100, windowSeconds: 60, lockSeconds: 60 },
      TOKEN_FAILURES: { points: 2, windowSeconds: 60, lockSeconds: 60 },
      OAUTH: { points: 1, windowSeconds: 60, lockSeconds: 60 },
      USER_CREATE: { points: 100, windowSeconds: 60, lockSeconds: 60 },
      DEVICE_CODE: { points: 100, windowSeconds: 60, lockSeconds: 60 },
    }, `metrics-${crypto.randomUUID()}`);
    const before = await scrape();
    await limits.limit("OAUTH", "192.0.2.1");
    await expect(limits.limit("OAUTH", "192.0.2.1")).rejects.toMatchObject({ code: "rate_limited" });
    expect(await limits.tokenFailed("192.0.2.2")).toBeNull();
    expect(await limits.tokenFailed("192.0.2.2")).toBeGreaterThan(0); // the second failure locks
    expect(limits.tokenLockedFor("192.0.2.2")).toBeGreaterThan(0);
    const after = await scrape();
    const moved = (limiter: string) => sample(after, "pat_rate_limit_refusals_total", { limiter }) - sample(before, "pat_rate_limit_refusals_total", { limiter });
    expect(moved("oauth")).toBe(1);
    expect(moved("token_failures")).toBe(2);
  });

  it("sign-ins by method and outcome", async () => {
    const user = await createTestUser();
    const before = await scrape();
    expect(await authorizeCredentials({ email: user.email, password: user.password })).toMatchObject({ id: user.id });
    expect(await authorizeCredentials({ email: user.email, password: "not the password" })).toBeNull();
    expect(await authorizeCredentials({ email: `nobody-${crypto.randomUUID()}@example.test`, password: "whatever-1" })).toBeNull();
    const after = await scrape();
    const moved = (outcome: string) =>
      sample(after, "pat_sign_ins_total", { method: "password", outcome }) - sample(before, "pat_sign_ins_total", { method: "password", outcome });
    expect(moved("success")).toBe(1);
    expect(moved("failure")).toBe(2);
    expect(sample(after, "pat_sign_ins_total", { method: "sso", outcome: "success" })).toBeGreaterThanOrEqual(0);
    expect(after).toContain('pat_sign_ins_total{method="ldap",outcome="failure"}');
  });

  it("database errors: an outage (503) and Prisma's error codes", async () => {
    const before = await scrape();
    expect(toApiError(Object.assign(new Error("gone"), { code: "P1001" })).status).toBe(503);
    expect(toApiError(Object.assign(new Error("dup"), { code: "P2002" })).status).toBe(409);
    expect(toApiError(Object.assign(new Error("odd"), { code: "P2010" })).status).toBe(500);
    const after = await scrape();
    const moved = (kind: string) => sample(after, "pat_database_errors_total", { kind }) - sample(before, "pat_database_errors_total", { kind });
    expect(moved("unavailable")).toBe(1);
    expect(moved("P2002")).toBe(1);
    expect(moved("P2010")).toBe(1);
  });

  it("HTTP requests by route template, method and status, with a request id", async () => {
    const before = await scrape();
    const fake = (method: string, url: string, headers: Record<string, string> = {}) => {
      const res = Object.assign(new EventEmitter(), {
        statusCode: 200,
        writableFinished: true,
        headers: {} as Record<string, string>,
        setHeader(name: string, value: string) {
          this.headers[name.toLowerCase()] = value;
        },
      });
      return { req: { method, url, headers } as unknown as IncomingMessage, res };
    };
    // withAuth names its route; the context is there while the handler runs.
    const a = fake("GET", "/api/v1/tokens/abc123?x=1", { "x-request-id": "trace-0001-abc" });
    observeRequest(a.req, a.res as unknown as ServerResponse, () => {
      expect(currentRequest()?.requestId).toBe("trace-0001-abc");
      Object.assign(currentRequest()!, { route: "GET /api/v1/tokens/:id" });
    });
    a.res.statusCode = 404;
    a.res.emit("finish");
    a.res.emit("close"); // counted once
    expect(a.res.headers["x-request-id"]).toBe("trace-0001-abc");
    // A made-up path and method stay inside the bounded label set; a bad request id is replaced.
    const b = fake("BREW", "/api/v1/pat_secret_in_a_path/zzz", { "x-request-id": "no spaces allowed\n" });
    observeRequest(b.req, b.res as unknown as ServerResponse, () => undefined);
    b.res.emit("close");
    expect(b.res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const after = await scrape();
    const moved = (labels: Record<string, string>) => sample(after, "pat_http_requests_total", labels) - sample(before, "pat_http_requests_total", labels);
    expect(moved({ route: "/api/v1/tokens/:id", method: "GET", status: "404" })).toBe(1);
    expect(moved({ route: "/api/other", method: "other", status: "200" })).toBe(1);
    expect(after).not.toContain("pat_secret_in_a_path");
  });

  it("route labels are templates from a fixed set, never raw paths", () => {
    expect(routeLabel("/api/v1/me", "GET /api/v1/me")).toBe("/api/v1/me");
    expect(routeLabel("/api/hooks/deploy/abc", undefined)).toBe("/api/hooks/:path");
    expect(routeLabel("/api/auth/callback/credentials", undefined)).toBe("/api/auth/callback");
    expect(routeLabel("/api/auth/whatever", undefined)).toBe("/api/auth/other");
    expect(routeLabel("/tokens/cm123", undefined)).toBe("/tokens/:id");
    expect(routeLabel("/tokens/", undefined)).toBe("/tokens");
    expect(routeLabel("/_next/static/chunks/x.js", undefined)).toBe("/_next/*");
    expect(routeLabel("/api/v1/oauth/token", undefined)).toBe("/api/v1/oauth/token");
    expect(routeLabel("/wp-admin/setup.php", undefined)).toBe("other");
    expect(methodLabel("GET")).toBe("GET");
    expect(methodLabel("PROPFIND")).toBe("other");
  });
});

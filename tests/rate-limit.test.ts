// Rate limits: the cases on memory and on this run's database when it is PostgreSQL, then the
// limits in the real handlers (sign-in, token failures, OAuth, user creation) with small limits.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Small limits for the app's own instance: set before the app loads (the settings are parsed
// once, lib/env.ts).
vi.hoisted(() => {
  process.env.RATE_LIMIT_TOKEN_FAILURES = "3,300,300";
  process.env.RATE_LIMIT_OAUTH = "2,60,60";
  process.env.RATE_LIMIT_USER_CREATE = "2,600,600";
});

// The sign-in request's headers, as server/main.ts would pass them.
const requestHeaders = vi.hoisted(() => ({ current: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => requestHeaders.current }));

import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/oauth/revoke/route";
import * as users from "@/app/api/v1/users/route";
import { authorizeCredentials } from "@/lib/auth/next-auth";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { resolveDatabase } from "@/lib/database-url.mjs";
import { db } from "@/lib/db";
import { LIMIT_DEFAULTS, parseLimit, postgresStore } from "@/lib/rate-limit";
import { call, createAdmin, createTestUser, expectErrorShape } from "./helpers";
import { rateLimitCases, tokenFailureMemoryCases } from "./rate-limit-cases";

rateLimitCases("memory", () => ({ kind: "memory" }));
tokenFailureMemoryCases();
const database = resolveDatabase(process.env.DATABASE_URL);
if (database.provider === "postgresql") rateLimitCases("PostgreSQL", () => postgresStore(database.url));

let n = 0;
const address = () => `198.19.${Math.floor(Math.random() * 250)}.${++n % 250}`;
const from = (ip: string) => ({ [CLIENT_IP_HEADER]: ip });

describe("settings", () => {
  it("reads points,window,lock and refuses anything else naming the variable", () => {
    expect(parseLimit("RATE_LIMIT_OAUTH", undefined, LIMIT_DEFAULTS.OAUTH)).toEqual(LIMIT_DEFAULTS.OAUTH);
    expect(parseLimit("RATE_LIMIT_OAUTH", "10, 60, 120", LIMIT_DEFAULTS.OAUTH)).toEqual({ points: 10, windowSeconds: 60, lockSeconds: 120 });
    for (const bad of ["10", "10,60", "a,b,c", "0,60,60", "1.5,60,60", "10,60,60,1"]) {
      expect(() => parseLimit("RATE_LIMIT_OAUTH", bad, LIMIT_DEFAULTS.OAUTH)).toThrow(/^RATE_LIMIT_OAUTH/);
    }
  });
});

describe("sign-in", () => {
  async function signIn(user: { email: string }, password: string, ip: string) {
    requestHeaders.current = new Headers(from(ip));
    try {
      return (await authorizeCredentials({ email: user.email, password })) ? "ok" : "refused";
    } catch (error) {
      return (error as Error).message;
    }
  }

  it("locks after repeated wrong passwords, records the lock, and lets the owner in from elsewhere", async () => {
    const user = await createTestUser();
    const attacker = address();
    const answers = [];
    for (let i = 0; i < LIMIT_DEFAULTS.SIGNIN_ACCOUNT_ADDRESS.points + 2; i++) answers.push(await signIn(user, "wrong-password", attacker));
    expect(answers).toEqual([...Array(LIMIT_DEFAULTS.SIGNIN_ACCOUNT_ADDRESS.points - 1).fill("refused"), "TooManyAttempts:60", "TooManyAttempts:60", "TooManyAttempts:60"]);
    // Locked: even the right password is refused there, before it is checked.
    expect(await signIn(user, user.password, attacker)).toMatch(/^TooManyAttempts:\d+$/);
    expect(await signIn(user, user.password, address())).toBe("ok");

    const locks = await db.auditEvent.findMany({ where: { action: "auth.sign_in_lock", targetName: user.email } });
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ outcome: "failure", ip: attacker });
    expect(JSON.parse(locks[0].details!)).toEqual({ method: "password", scope: "account_address", seconds: 60 });
    // The refused attempts while locked were not counted as new failures.
    const failures = await db.auditEvent.count({ where: { action: "auth.sign_in", targetName: user.email, outcome: "failure" } });
    expect(failures).toBe(LIMIT_DEFAULTS.SIGNIN_ACCOUNT_ADDRESS.points);
  });
});

describe("failed token authentications", () => {
  it("answers 429 with Retry-After past the limit, for that address only", async () => {
    const flood = address();
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await call(me.GET, "/api/v1/me", { headers: { authorization: `Bearer pat_unknown${i}`, ...from(flood) } });
      statuses.push(res.status);
      if (res.status === 429) {
        expectErrorShape(res.json);
        expect(res.json.error.code).toBe("rate_limited");
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([401, 401, 429, 429]);

    // A valid token from another address is not slowed; from the flooding address it waits too.
    const user = await createTestUser();
    const created = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ok", expiresIn: "30d" } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const secret = created.json.secret as string;
    expect((await call(me.GET, "/api/v1/me", { headers: { authorization: `Bearer ${secret}`, ...from(address()) } })).status).toBe(200);
    expect((await call(me.GET, "/api/v1/me", { headers: { authorization: `Bearer ${secret}`, ...from(flood) } })).status).toBe(429);
    // A session (no token) from that address is not affected.
    expect((await call(me.GET, "/api/v1/me", { as: user, headers: from(flood) })).status).toBe(200);
  });
});

describe("OAuth endpoints and user creation", () => {
  let admin: Awaited<ReturnType<typeof createAdmin>>;
  beforeAll(async () => {
    admin = await createAdmin();
  });

  it("limits calls to the revocation endpoint per address", async () => {
    const ip = address();
    const post = () => call(revoke.POST, "/api/v1/oauth/revoke", { method: "POST", body: { token: "pat_nothing" }, headers: from(ip) });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: "invalid_request", error_description: expect.stringMatching(/[Tt]oo many/) }); // RFC 6749 words, HTTP status
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await call(revoke.POST, "/api/v1/oauth/revoke", { method: "POST", body: { token: "x" }, headers: from(address()) })).status).toBe(200);
  });

  it("limits user creation per address", async () => {
    const ip = address();
    const create = () =>
      call(users.POST, "/api/v1/users", {
        method: "POST",
        as: admin,
        headers: from(ip),
        body: { email: `rl-${randomUUID().slice(0, 8)}@example.test`, name: "Limited", password: "a-long-password-1", roles: ["user"] },
      });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
  });
});

// Per-address limits count an IPv6 client by its network (/64 unless RATE_LIMIT_IPV6_PREFIX says
// otherwise) and an IPv4-mapped IPv6 address as the IPv4 address, for every limit: sign-in,
// failed tokens, the OAuth endpoints and user creation. One client holds a
// whole /64, so keying on the full address gave it 2^64 budgets and let it lock the owner out.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

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
import * as revoke from "@/app/api/v1/oauth/revoke/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as users from "@/app/api/v1/users/route";
import { authorizeCredentials } from "@/lib/auth/next-auth";
import { addressKey, CLIENT_IP_HEADER } from "@/lib/client-address";
import { createRateLimits, LIMIT_DEFAULTS, limitSettings, parseIpv6Prefix } from "@/lib/rate-limit";
import { call, createAdmin, createTestUser } from "./helpers";
import { SERVER_ADMIN, startServer, type RunningServer } from "./server-process";

const from = (ip: string) => ({ [CLIENT_IP_HEADER]: ip });
const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
const hextet = () => randomBytes(2).toString("hex");
/** A random /64 of the documentation range: `net(i)` is its i-th address (all one client). */
function network() {
  const prefix = `2001:db8:${hextet()}:${hextet()}`;
  return (i: number) => `${prefix}:${(i + 1).toString(16)}:${hextet()}:${hextet()}:${hextet()}`;
}
let n = 0;
const ipv4 = () => `198.51.${Math.floor(Math.random() * 250)}.${(++n % 250) + 1}`;

describe("the address key", () => {
  it("is the /64 for IPv6, the IPv4 address for IPv4 and IPv4-mapped IPv6", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1", 64)).toBe(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff", 64));
    expect(addressKey("2001:db8:1:2::1", 64)).not.toBe(addressKey("2001:db8:1:3::1", 64));
    expect(addressKey("2001:DB8:1:2::1", 64)).toBe("2001:db8:1:2::/64");
    expect(addressKey("::ffff:198.51.100.7", 64)).toBe("198.51.100.7");
    expect(addressKey("::ffff:c633:6407", 64)).toBe("198.51.100.7");
    expect(addressKey("198.51.100.7", 64)).toBe("198.51.100.7");
    expect(addressKey("2001:db8:1:2::1", 128)).toBe(addressKey("2001:db8:1:2:0:0:0:1", 128));
    expect(addressKey("2001:db8:1:2::1", 128)).not.toBe(addressKey("2001:db8:1:2::2", 128));
    expect(addressKey("2001:db8:1:2:ff::1", 56)).toBe("2001:db8:1:0::/56");
    expect(addressKey("2001:db8:1:2ff::1", 56)).toBe("2001:db8:1:200::/56");
    expect(addressKey("2001:db8:1:2::1", 48)).toBe(addressKey("2001:db8:1:ffff::1", 48));
  });

  it("RATE_LIMIT_IPV6_PREFIX is 64 by default, a whole number from 16 to 128, checked with the limits", () => {
    expect(parseIpv6Prefix(undefined)).toBe(64);
    expect(parseIpv6Prefix(" 56 ")).toBe(56);
    expect(parseIpv6Prefix("128")).toBe(128);
    for (const bad of ["0", "8", "129", "64.5", "abc", "-64", "/64"]) {
      expect(() => parseIpv6Prefix(bad), bad).toThrow(/^RATE_LIMIT_IPV6_PREFIX/);
      expect(() => limitSettings(env({ RATE_LIMIT_IPV6_PREFIX: bad })), bad).toThrow(/^RATE_LIMIT_IPV6_PREFIX/);
    }
  });

  it("a limits instance counts by the configured prefix", async () => {
    const settings = { ...limitSettings(env({})), OAUTH: { points: 2, windowSeconds: 60, lockSeconds: 60 } };
    const wide = createRateLimits({ kind: "memory" }, settings, `t-${randomUUID().slice(0, 8)}`, 48);
    await wide.limit("OAUTH", "2001:db8:7:1::1");
    await wide.limit("OAUTH", "2001:db8:7:2::1");
    await expect(wide.limit("OAUTH", "2001:db8:7:3::1")).rejects.toMatchObject({ code: "rate_limited" });
    const exact = createRateLimits({ kind: "memory" }, settings, `t-${randomUUID().slice(0, 8)}`, 128);
    for (let i = 1; i <= 5; i++) await exact.limit("OAUTH", `2001:db8:7:1::${i}`);
  });
});

describe("sign-in", () => {
  async function signIn(user: { email: string }, password: string, ip: string) {
    requestHeaders.current = new Headers(from(ip));
    try {
      return (await authorizeCredentials({ email: user.email, password })) ? "ok" : "refused";
    } catch (error) {
      return (error as Error).message.replace(/:\d+$/, "");
    }
  }

  it("45 addresses of one /64 are cut off like one IPv4 address", async () => {
    const [victim, other] = [await createTestUser(), await createTestUser()];
    const net = network();
    const attempts = 45;
    const fromNetwork: string[] = [];
    for (let i = 0; i < attempts; i++) fromNetwork.push(await signIn(victim, "wrong-password", net(i)));
    const single = ipv4();
    const fromOne: string[] = [];
    for (let i = 0; i < attempts; i++) fromOne.push(await signIn(other, "wrong-password", single));
    expect(fromNetwork).toEqual(fromOne);
    expect(fromNetwork.filter((a) => a === "refused")).toHaveLength(LIMIT_DEFAULTS.SIGNIN_ACCOUNT_ADDRESS.points - 1);
    expect(fromNetwork.at(-1)).toBe("TooManyAttempts");
  });

  it("a /64 never locks the account for its owner elsewhere, however many of its addresses it uses", async () => {
    const owner = await createTestUser();
    const net = network();
    const attempts = LIMIT_DEFAULTS.SIGNIN_ACCOUNT.points + 10;
    for (let i = 0; i < attempts; i++) await signIn(owner, "wrong-password", net(i));
    expect(await signIn(owner, owner.password, net(attempts))).toBe("TooManyAttempts"); // the attacker's own network
    expect(await signIn(owner, owner.password, ipv4())).toBe("ok");
    expect(await signIn(owner, owner.password, network()(0))).toBe("ok");
  });

  it("an IPv4-mapped address counts as the IPv4 address", async () => {
    const user = await createTestUser();
    const ip = ipv4();
    const points = LIMIT_DEFAULTS.SIGNIN_ACCOUNT_ADDRESS.points;
    for (let i = 0; i < points - 1; i++) await signIn(user, "wrong-password", i % 2 ? ip : `::ffff:${ip}`);
    expect(await signIn(user, "wrong-password", ip)).toBe("TooManyAttempts");
    expect(await signIn(user, user.password, `::ffff:${ip}`)).toBe("TooManyAttempts");
  });
});

describe("failed tokens, OAuth and user creation", () => {
  let admin: Awaited<ReturnType<typeof createAdmin>>;
  beforeAll(async () => {
    admin = await createAdmin();
  });

  it("bad tokens from addresses of one /64 lock the /64, not other networks", async () => {
    const net = network();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(me.GET, "/api/v1/me", { headers: { authorization: `Bearer pat_unknown${i}`, ...from(net(i)) } })).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    const user = await createTestUser();
    const created = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ok", expiresIn: "30d" } });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const bearer = { authorization: `Bearer ${created.json.secret}` };
    expect((await call(me.GET, "/api/v1/me", { headers: { ...bearer, ...from(network()(0)) } })).status).toBe(200);
    expect((await call(me.GET, "/api/v1/me", { headers: { ...bearer, ...from(net(99)) } })).status).toBe(429);
  });

  it("the OAuth endpoints count a /64 once, and an IPv4-mapped address as its IPv4 address", async () => {
    const post = (ip: string) => call(revoke.POST, "/api/v1/oauth/revoke", { method: "POST", body: { token: "pat_nothing" }, headers: from(ip) });
    const net = network();
    expect([(await post(net(0))).status, (await post(net(1))).status, (await post(net(2))).status]).toEqual([200, 200, 429]);
    const ip = ipv4();
    expect([(await post(`::ffff:${ip}`)).status, (await post(ip)).status, (await post(`::ffff:${ip}`)).status]).toEqual([200, 200, 429]);
    expect((await post(network()(0))).status).toBe(200);
  });

  it("user creation counts a /64 once", async () => {
    const net = network();
    const create = (ip: string) =>
      call(users.POST, "/api/v1/users", {
        method: "POST",
        as: admin,
        headers: from(ip),
        body: { email: `v6-${randomUUID().slice(0, 8)}@example.test`, name: "Limited", password: "a-long-password-1", roles: ["user"] },
      });
    expect([(await create(net(0))).status, (await create(net(1))).status, (await create(net(2))).status]).toEqual([201, 201, 429]);
  });
});

// The same through a real server behind one trusted proxy: the client address comes from
// X-Forwarded-For, as in the review that found this.
describe("a real server with TRUST_PROXY=1", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer("ipv6_limits", { TRUST_PROXY: "1" });
  }, 900_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** One password sign-in from `ip`: "ok", next-auth's error code, or what went wrong. */
  async function attempt(password: string, ip: string): Promise<string> {
    const forwarded = { "x-forwarded-for": ip };
    const csrf = await fetch(`${server.base}/api/auth/csrf`, { headers: forwarded });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const res = await fetch(`${server.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { ...forwarded, "content-type": "application/x-www-form-urlencoded", cookie, origin: server.base },
      body: new URLSearchParams({ email: SERVER_ADMIN.email, password, csrfToken, json: "true" }),
    });
    const { url } = (await res.json()) as { url: string };
    if (res.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))) return "ok";
    return new URL(url).searchParams.get("error")?.replace(/:\d+$/, "") ?? `status ${res.status}`;
  }

  it("45 addresses of one /64 are cut off like one address, and the owner still signs in from elsewhere", async () => {
    const net = network();
    const answers: string[] = [];
    for (let i = 0; i < 45; i++) answers.push(await attempt("wrong-password", net(i)));
    expect(answers.filter((a) => a !== "TooManyAttempts")).toEqual(Array(LIMIT_DEFAULTS.SIGNIN_ACCOUNT_ADDRESS.points - 1).fill("CredentialsSignin"));
    for (let i = 45; i < LIMIT_DEFAULTS.SIGNIN_ACCOUNT.points + 10; i++) expect(await attempt("wrong-password", net(i))).toBe("TooManyAttempts");
    expect(await attempt(SERVER_ADMIN.password, ipv4())).toBe("ok");
    expect(await attempt(SERVER_ADMIN.password, `::ffff:${ipv4()}`)).toBe("ok");
  }, 120_000);
});

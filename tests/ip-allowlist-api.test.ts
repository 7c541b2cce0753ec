// Per-token IP allowlists through the API: create and PATCH, the 403 on the hot path, the
// audit event, the token exchange and incoming webhooks.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as hooks from "@/app/api/hooks/[...path]/route";
import * as me from "@/app/api/v1/me/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as introspect from "@/app/api/v1/oauth/introspect/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { db } from "@/lib/db";
import type { TokenResponse } from "@/lib/schemas/token";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";

const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const PAT_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const from = (ip: string) => ({ headers: { [CLIENT_IP_HEADER]: ip } });

async function newToken(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: user, body: { name: "ci", expiresIn: "30d", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { token: TokenResponse; secret: string };
}

const refusals = (tokenId: string) => db.auditEvent.findMany({ where: { action: "token.ip_refused", targetId: tokenId }, orderBy: { createdAt: "asc" } });

describe("allowedIps on create and PATCH", () => {
  it("stores a normalised list, returns it, and clears it with null or []", async () => {
    const user = await createTestUser();
    const { token: created } = await newToken(user, { allowedIps: ["203.0.113.7", "10.1.2.3/8", "2001:DB8::/32", "::ffff:198.51.100.1"] });
    expect(created.allowedIps).toEqual(["203.0.113.7", "10.0.0.0/8", "2001:db8::/32", "198.51.100.1"]);
    expect((await call(token.GET, "/x", { as: user, params: { id: created.id } })).json.allowedIps).toEqual(created.allowedIps);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "token.create", targetId: created.id } });
    expect(JSON.parse(event.details!).allowedIps).toEqual(created.allowedIps);

    const patched = await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: created.id }, body: { allowedIps: ["192.0.2.0/24"] } });
    expect(patched.status).toBe(200);
    expect(patched.json.allowedIps).toEqual(["192.0.2.0/24"]);
    for (const clear of [null, []]) {
      await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: created.id }, body: { allowedIps: ["192.0.2.0/24"] } });
      const cleared = await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: created.id }, body: { allowedIps: clear } });
      expect(cleared.json.allowedIps).toEqual([]);
      expect((await db.token.findUniqueOrThrow({ where: { id: created.id } })).allowedIps).toBeNull();
    }
    const { token: plain } = await newToken(user);
    expect(plain.allowedIps).toEqual([]);
  });

  it("takes 100 entries, refuses 101 and junk with a 400 naming the entry", async () => {
    const user = await createTestUser();
    const hundred = Array.from({ length: 100 }, (_, i) => `10.${i}.0.0/16`);
    expect((await newToken(user, { allowedIps: hundred })).token.allowedIps).toHaveLength(100);
    const tooMany = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "x", expiresIn: "7d", allowedIps: [...hundred, "11.0.0.0/8"] } });
    expect(tooMany.status).toBe(400);
    expectErrorShape(tooMany.json);
    expect(tooMany.json.error.message).toContain("at most 100");
    const junk = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "x", expiresIn: "7d", allowedIps: ["10.0.0.1", "10.0.0.300"] } });
    expect(junk.status).toBe(400);
    expect(junk.json.error).toMatchObject({ code: "invalid_request", message: expect.stringContaining('allowedIps.1: "10.0.0.300" is not an IP address or CIDR range') });
    const { token: t } = await newToken(user);
    for (const allowedIps of [["not-an-ip"], "10.0.0.1", [1], ["10.0.0.0/33"], ["fe80::1%eth0"]]) {
      const res = await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: t.id }, body: { allowedIps } });
      expect(res.status, JSON.stringify(allowedIps)).toBe(400);
      expectErrorShape(res.json);
    }
  });

  it("lets only the owner change the list (an admin gets 403, another user 404)", async () => {
    const user = await createTestUser();
    const { token: t } = await newToken(user);
    const admin = await createAdmin();
    expect((await call(token.PATCH, "/x", { method: "PATCH", as: admin, params: { id: t.id }, body: { allowedIps: ["10.0.0.1"] } })).status).toBe(403);
    expect((await call(token.PATCH, "/x", { method: "PATCH", as: await createTestUser(), params: { id: t.id }, body: { allowedIps: ["10.0.0.1"] } })).status).toBe(404);
  });
});

describe("calls from outside the allowlist", () => {
  it("works from an allowed address and gets 403 ip_not_allowed elsewhere, audited", async () => {
    const user = await createTestUser();
    const { token: t, secret } = await newToken(user, { allowedIps: ["203.0.113.0/24", "2001:db8::/32"] });
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(200); // 203.0.113.7, the helper's address
    expect((await call(me.GET, "/x", { token: secret, ...from("2001:db8::5") })).status).toBe(200);
    expect((await call(me.GET, "/x", { token: secret, ...from("::ffff:203.0.113.99") })).status).toBe(200);

    const refused = await call(me.GET, "/x", { token: secret, headers: { [CLIENT_IP_HEADER]: "198.51.100.4", "user-agent": "ci-runner/1" } });
    expect(refused.status).toBe(403);
    expectErrorShape(refused.json);
    expect(refused.json.error).toMatchObject({ code: "ip_not_allowed", details: { ip: "198.51.100.4" } });
    expect(refused.json.error.message).toContain("198.51.100.4");
    const [event] = await refusals(t.id);
    expect(event).toMatchObject({ outcome: "failure", ip: "198.51.100.4", actorId: user.id, ownerId: user.id, targetType: "token", targetName: "ci", userAgent: "ci-runner/1" });
    expect(JSON.parse(event.details!)).toEqual({ ip: "198.51.100.4" });
    // The secret is never in the event.
    expect(JSON.stringify(event)).not.toContain(secret.slice(12));
  });

  it("audits a flood of refusals at most once per address per minute", async () => {
    const user = await createTestUser();
    const { token: t, secret } = await newToken(user, { allowedIps: ["203.0.113.7"] });
    for (let i = 0; i < 20; i++) expect((await call(me.GET, "/x", { token: secret, ...from("198.51.100.5") })).status).toBe(403);
    expect(await refusals(t.id)).toHaveLength(1);
    for (let i = 0; i < 30; i++) await call(me.GET, "/x", { token: secret, ...from(`198.51.100.${100 + i}`) });
    // And at most 10 events per token per minute, however many addresses.
    expect((await refusals(t.id)).length).toBeLessThanOrEqual(10);
  });

  it("refuses a call with no known client address", async () => {
    const user = await createTestUser();
    const { secret } = await newToken(user, { allowedIps: ["0.0.0.0/0", "::/0"] });
    const res = await call(me.GET, "/x", { token: secret, headers: { [CLIENT_IP_HEADER]: "not an address" } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("ip_not_allowed");
  });

  it("applies a changed list from the next call (the cache is dropped)", async () => {
    const user = await createTestUser();
    const { token: t, secret } = await newToken(user);
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(200); // cached now
    await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: t.id }, body: { allowedIps: ["192.0.2.1"] } });
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(403);
    await call(token.PATCH, "/x", { method: "PATCH", as: user, params: { id: t.id }, body: { allowedIps: null } });
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(200);
  });

  it("refuses the token exchange from a wrong address, not the introspection of the token", async () => {
    const user = await createTestUser();
    const { secret } = await newToken(user, { allowedIps: ["203.0.113.7"] });
    const body = { grant_type: GRANT, subject_token: secret, subject_token_type: PAT_TYPE };
    expect((await call(exchange.POST, "/x", { method: "POST", body })).status).toBe(200);
    const refused = await call(exchange.POST, "/x", { method: "POST", body, ...from("198.51.100.7") });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({ error: "invalid_request", error_description: expect.stringContaining("198.51.100.7") });
    // Someone else (an admin with introspection) asks about the token from elsewhere: not the token's use.
    const admin = await createAdmin();
    const seen = await call(introspect.POST, "/x", { method: "POST", as: admin, body: { token: secret }, ...from("198.51.100.8") });
    expect(seen.status).toBe(200);
    expect(seen.json.active).toBe(true);
  });

  it("refuses a webhook sender outside the token's allowlist", async () => {
    const admin = await createAdmin();
    const { secret } = await newToken(admin, { allowedIps: ["198.51.100.9"] });
    const path = `ip-${crypto.randomUUID().slice(0, 8)}`;
    const created = await call(webhooks.POST, "/x", { method: "POST", as: admin, body: { title: "Deploys", path, authMethod: "token", secretToken: secret } });
    expect(created.status).toBe(201);
    const send = async (ip: string) => {
      const req = new NextRequest(`http://localhost:3000/api/hooks/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", [CLIENT_IP_HEADER]: ip, authorization: `Bearer ${secret}` },
        body: "{}",
      });
      const res = await hooks.POST(req, { params: Promise.resolve({ path: [path] }) });
      return { status: res.status, json: await res.json() };
    };
    expect((await send("198.51.100.9")).status).toBe(202);
    const refused = await send("198.51.100.10");
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("ip_not_allowed");
  });
});

describe("a token with an allowlist can't shed it", () => {
  const inside = { [CLIENT_IP_HEADER]: "10.1.2.3" };
  /** An all-permissions token usable only from 10.0.0.0/8 and 2001:db8::/32. */
  async function fenced(user: TestUser) {
    return newToken(user, { scopes: "all", allowedIps: ["10.0.0.0/8", "2001:db8::/32"] });
  }
  const asFenced = (secret: string, body: unknown, extra: Record<string, unknown> = {}) => ({ method: "POST", token: secret, headers: inside, body, ...extra });

  it("a token it creates gets its list when none is named, and only a list inside it", async () => {
    const user = await createTestUser();
    const caller = await fenced(user);
    const inherited = await call(tokens.POST, "/x", asFenced(caller.secret, { name: "child", expiresIn: "7d" }));
    expect(inherited.status, JSON.stringify(inherited.json)).toBe(201);
    expect(inherited.json.token.allowedIps).toEqual(["10.0.0.0/8", "2001:db8::/32"]);
    const narrower = await call(tokens.POST, "/x", asFenced(caller.secret, { name: "child", expiresIn: "7d", allowedIps: ["10.9.0.0/16", "10.0.0.1", "2001:db8:1::/48"] }));
    expect(narrower.status, JSON.stringify(narrower.json)).toBe(201);
    expect(narrower.json.token.allowedIps).toEqual(["10.9.0.0/16", "10.0.0.1", "2001:db8:1::/48"]);
    for (const allowedIps of [null, [], ["0.0.0.0/0"], ["10.0.0.0/7"], ["192.0.2.1"], ["10.0.0.1", "2001:db9::1"]]) {
      const res = await call(tokens.POST, "/x", asFenced(caller.secret, { name: "wide", expiresIn: "7d", allowedIps }));
      expect(res.status, JSON.stringify(allowedIps)).toBe(403);
      expect(res.json.error.code).toBe("insufficient_scope");
      expect(res.json.error.message).toMatch(/allowlist must lie inside it/);
    }
    expect(await db.token.count({ where: { userId: user.id, name: "wide" } })).toBe(0);
  });

  it("regenerates another token only when that token's list is inside its own", async () => {
    const user = await createTestUser();
    const caller = await fenced(user);
    const open = await newToken(user);
    const elsewhere = await newToken(user, { allowedIps: ["192.0.2.0/24"] });
    const within = await newToken(user, { allowedIps: ["10.20.0.0/16"] });
    // Stored as an empty list (not something the API writes): enforced as any address.
    const emptyList = await newToken(user);
    await db.token.update({ where: { id: emptyList.token.id }, data: { allowedIps: "[]" } });
    for (const target of [open, elsewhere, emptyList]) {
      const res = await call(regenerate.POST, "/x", { ...asFenced(caller.secret, { expiresIn: "7d" }), params: { id: target.token.id } });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("insufficient_scope");
      expect((await db.token.findUniqueOrThrow({ where: { id: target.token.id } })).prefix, "unchanged").toBe(target.token.prefix);
    }
    const ok = await call(regenerate.POST, "/x", { ...asFenced(caller.secret, { expiresIn: "7d" }), params: { id: within.token.id } });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const self = await call(regenerate.POST, "/x", { ...asFenced(caller.secret, { expiresIn: "7d" }), params: { id: caller.token.id } });
    expect(self.status, "its own token has its own list").toBe(200);
  });

  it("can't set a token's list to anything outside its own, nor clear it", async () => {
    const user = await createTestUser();
    const caller = await fenced(user);
    for (const allowedIps of [null, [], ["192.0.2.0/24"], ["10.0.0.0/8", "11.0.0.0/8"]]) {
      for (const target of [caller.token.id, (await newToken(user, { allowedIps: ["10.0.0.0/8"] })).token.id]) {
        const stored = async () => (await db.token.findUniqueOrThrow({ where: { id: target } })).allowedIps;
        const before = await stored();
        const res = await call(token.PATCH, "/x", { method: "PATCH", token: caller.secret, headers: inside, params: { id: target }, body: { allowedIps } });
        expect(res.status, JSON.stringify(allowedIps)).toBe(403);
        expect(res.json.error.code).toBe("insufficient_scope");
        expect(await stored(), "the list is unchanged").toBe(before);
        expect(before).toContain("10.0.0.0/8");
      }
    }
    const narrowed = await call(token.PATCH, "/x", { method: "PATCH", token: caller.secret, headers: inside, params: { id: caller.token.id }, body: { allowedIps: ["10.1.0.0/16"] } });
    expect(narrowed.status).toBe(200);
    expect(narrowed.json.allowedIps).toEqual(["10.1.0.0/16"]);
    // A name change leaves the list alone and needs no check.
    const renamed = await call(token.PATCH, "/x", { method: "PATCH", token: (await fenced(user)).secret, headers: inside, params: { id: caller.token.id }, body: { name: "renamed" } });
    expect(renamed.status).toBe(200);
  });

  it("a token without a list, or a signed-in owner, sets any list", async () => {
    const user = await createTestUser();
    const open = await newToken(user, { scopes: "all" });
    const res = await call(tokens.POST, "/x", { method: "POST", token: open.secret, headers: inside, body: { name: "x", expiresIn: "7d", allowedIps: ["192.0.2.1"] } });
    expect(res.status).toBe(201);
    const cleared = await call(token.PATCH, "/x", { method: "PATCH", token: open.secret, headers: inside, params: { id: res.json.token.id }, body: { allowedIps: null } });
    expect(cleared.json.allowedIps).toEqual([]);
  });
});

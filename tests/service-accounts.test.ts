// Service accounts through their routes and the tokens' own: admins create, rename, disable and
// delete them; their managers (and admins, and nobody else) create, see, rotate and revoke their
// tokens; a token never grants more than the account's roles; disabling stops its tokens at
// once; a manager disabled or removed leaves the account working (and flagged to admins).
import { describe, expect, it } from "vitest";
import * as accountsRoute from "@/app/api/v1/service-accounts/route";
import * as accountRoute from "@/app/api/v1/service-accounts/[id]/route";
import * as accountTokensRoute from "@/app/api/v1/service-accounts/[id]/tokens/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as revokeRoute from "@/app/api/v1/tokens/[id]/revoke/route";
import * as regenerateRoute from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as scopesRoute from "@/app/api/v1/tokens/[id]/scopes/route";
import * as usageRoute from "@/app/api/v1/tokens/[id]/usage/route";
import * as usersRoute from "@/app/api/v1/users/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as introspectRoute from "@/app/api/v1/oauth/introspect/route";
import * as exchangeRoute from "@/app/api/v1/oauth/token/route";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { TokenCache, tokenCache, type CachedPrincipal } from "@/lib/tokens/cache";
import { startCacheSync } from "@/lib/tokens/service/cache-sync";
import { hashSecret } from "@/lib/tokens/format";
import { recipientOf } from "@/lib/notices/recipient";
import { call, createAdmin, createTestUser, expectErrorShape, type TestUser } from "./helpers";
import { storeToken } from "./routes";

const uniqueName = () => `bot-${crypto.randomUUID().slice(0, 8)}`;

async function newAccount(admin: TestUser, body: Record<string, unknown> = {}) {
  const res = await call(accountsRoute.POST, "/api/v1/service-accounts", { method: "POST", as: admin, body: { name: uniqueName(), ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string; name: string; roles: string[]; managers: { email: string }[]; needsManager: boolean; disabled: boolean };
}

/** A manager creates the account's token through the API (as a person would). */
async function accountToken(manager: TestUser, accountId: string, body: Record<string, unknown> = {}) {
  const res = await call(accountTokensRoute.POST, "/x", { method: "POST", as: manager, params: { id: accountId }, body: { name: "deploy", expiresIn: "30d", ...body } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { token: { id: string; owner: { id: string; kind: string; name: string } }; secret: string };
}

const me = (secret: string) => call(meRoute.GET, "/api/v1/me", { token: secret });

describe("creating, listing and changing service accounts (admins)", () => {
  it("creates one with roles and managers; it is no person: not in the users list, no user route, no session", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { roles: ["user"], managers: [manager.email.toUpperCase()] });
    expect(account).toMatchObject({ roles: ["user"], disabled: false, needsManager: false, managers: [{ email: manager.email, disabled: false }] });
    expect(JSON.stringify(account)).not.toContain("service-account.invalid"); // its made-up email never shows

    const users = await call(usersRoute.GET, "/api/v1/users", { as: admin });
    expect(users.json.users.map((u: { id: string }) => u.id)).not.toContain(account.id);
    expect((await call(userRoute.GET, "/x", { as: admin, params: { id: account.id } })).status).toBe(404);
    expect((await call(userRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { roles: ["admin"] } })).status).toBe(404);
    // Even a forged session cookie for it is refused: it can't sign in.
    expect((await call(meRoute.GET, "/api/v1/me", { as: { id: account.id } })).status).toBe(401);

    const events = await db.auditEvent.findMany({ where: { targetId: account.id } });
    expect(events.map((e) => [e.action, e.actorId, e.targetType])).toEqual([["service_account.create", admin.id, "service_account"]]);
  });

  it("refuses bad input with a clear 4xx and changes nothing", async () => {
    const admin = await createAdmin();
    const taken = await newAccount(admin);
    const cases: [unknown, number, string][] = [
      [{ name: "Deploy Bot" }, 400, "lowercase"],
      [{ name: "" }, 400, "required"],
      [{ name: "x".repeat(65) }, 400, "64"],
      [{ name: uniqueName(), managers: ["nobody@example.test"] }, 400, "nobody@example.test"],
      [{ name: uniqueName(), managers: ["not an email"] }, 400, "email"],
      [{ name: uniqueName(), roles: [] }, 400, "role"],
      [{ name: uniqueName(), kind: "internal" }, 400, "kind"],
      [{ name: taken.name }, 409, "already exists"],
    ];
    for (const [body, status, text] of cases) {
      const res = await call(accountsRoute.POST, "/api/v1/service-accounts", { method: "POST", as: admin, body });
      expect([res.status, JSON.stringify(res.json)], JSON.stringify(body)).toEqual([status, expect.stringContaining(text)]);
      expectErrorShape(res.json);
    }
    const bad = await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: taken.id }, body: {} });
    expect(bad.status).toBe(400);
    const unknown = await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: "nope" }, body: { disabled: true } });
    expect(unknown.status).toBe(404);
    // A person's id is no service account.
    const person = await call(accountRoute.DELETE, "/x", { method: "DELETE", as: admin, params: { id: admin.id } });
    expect(person.status).toBe(404);
    expect(await db.user.findUnique({ where: { id: admin.id } })).not.toBeNull();
  });

  it("is refused to non-admins (403) and to nobody (401); a manager sees only their own accounts", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const other = await createTestUser();
    const mine = await newAccount(admin, { managers: [manager.email] });
    const notMine = await newAccount(admin);

    const create = await call(accountsRoute.POST, "/api/v1/service-accounts", { method: "POST", as: manager, body: { name: uniqueName() } });
    expect([create.status, create.json.error.code]).toEqual([403, "forbidden"]);
    const rename = await call(accountRoute.PATCH, "/x", { method: "PATCH", as: manager, params: { id: mine.id }, body: { roles: ["admin"] } });
    expect([rename.status, rename.json.error.code]).toEqual([403, "forbidden"]);
    const remove = await call(accountRoute.DELETE, "/x", { method: "DELETE", as: manager, params: { id: mine.id } });
    expect(remove.status).toBe(403);
    expect((await call(accountsRoute.GET, "/api/v1/service-accounts", {})).status).toBe(401);

    const listed = await call(accountsRoute.GET, "/api/v1/service-accounts", { as: manager });
    expect(listed.json.serviceAccounts.map((a: { id: string }) => a.id)).toEqual([mine.id]);
    expect((await call(accountsRoute.GET, "/api/v1/service-accounts", { as: other })).json.serviceAccounts).toEqual([]);
    expect((await call(accountRoute.GET, "/x", { as: manager, params: { id: notMine.id } })).status).toBe(404);
    expect((await call(accountRoute.GET, "/x", { as: other, params: { id: mine.id } })).status).toBe(404);
    expect((await call(accountRoute.GET, "/x", { as: manager, params: { id: mine.id } })).json.name).toBe(mine.name);
    const all = await call(accountsRoute.GET, "/api/v1/service-accounts", { as: admin });
    expect(all.json.serviceAccounts.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([mine.id, notMine.id]));
  });

  it("renames and deletes (the tokens go with it, and stop at once)", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { managers: [manager.email] });
    const { secret } = await accountToken(manager, account.id);
    expect((await me(secret)).json.name).toBe(account.name);

    const name = uniqueName();
    const renamed = await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { name } });
    expect(renamed.json.name).toBe(name);
    expect((await me(secret)).json.name).toBe(name); // the rename reaches the cached token at once

    const deleted = await call(accountRoute.DELETE, "/x", { method: "DELETE", as: admin, params: { id: account.id } });
    expect(deleted.status).toBe(204);
    expect((await me(secret)).status).toBe(401);
    expect(await db.token.count({ where: { userId: account.id } })).toBe(0);
    const actions = (await db.auditEvent.findMany({ where: { targetId: account.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["service_account.create", "service_account.update", "service_account.delete"]);
  });
});

describe("who may act on a service account's tokens", () => {
  /** One account, its manager, a token of it, and every kind of caller. */
  async function world() {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const other = await createTestUser();
    const account = await newAccount(admin, { managers: [manager.email] });
    const target = await accountToken(manager, account.id, { scopes: [{ entity: "tokens", operation: "list" }] });
    // The account's own token, and the manager's token scoped to reading tokens only.
    const own = await accountToken(manager, account.id, { name: "own", scopes: "all" });
    const scoped = await storeToken(manager.id, [{ entity: "tokens", operation: "read" }]);
    return { admin, manager, other, account, target, own, scoped };
  }

  type Who = "manager" | "other user" | "admin" | "account's own token" | "manager's scoped token";
  const as = (w: Awaited<ReturnType<typeof world>>, who: Who) =>
    who === "manager" ? { as: w.manager }
    : who === "other user" ? { as: w.other }
    : who === "admin" ? { as: w.admin }
    : who === "account's own token" ? { token: w.own.secret }
    : { token: w.scoped.secret };

  // What each caller gets: a status, or a status and an error code.
  const MATRIX: { verb: string; run: (w: Awaited<ReturnType<typeof world>>, who: Who) => Promise<{ status: number; json: any }>; want: Record<Who, number | [number, string]> }[] = [
    {
      verb: "read the account",
      run: (w, who) => call(accountRoute.GET, "/x", { ...as(w, who), params: { id: w.account.id } }),
      want: { manager: 200, "other user": [404, "not_found"], admin: 200, "account's own token": [404, "not_found"], "manager's scoped token": 200 },
    },
    {
      verb: "list its tokens",
      run: (w, who) => call(accountTokensRoute.GET, "/x", { ...as(w, who), params: { id: w.account.id } }),
      want: { manager: 200, "other user": [404, "not_found"], admin: 200, "account's own token": [404, "not_found"], "manager's scoped token": [403, "insufficient_scope"] },
    },
    {
      verb: "create a token",
      run: (w, who) => call(accountTokensRoute.POST, "/x", { method: "POST", ...as(w, who), params: { id: w.account.id }, body: { name: "n", expiresIn: "7d" } }),
      want: { manager: 201, "other user": [404, "not_found"], admin: 201, "account's own token": [404, "not_found"], "manager's scoped token": [403, "insufficient_scope"] },
    },
    {
      verb: "read a token",
      run: (w, who) => call(tokenRoute.GET, "/x", { ...as(w, who), params: { id: w.target.token.id } }),
      want: { manager: 200, "other user": [404, "not_found"], admin: 200, "account's own token": 200, "manager's scoped token": 200 },
    },
    {
      verb: "read its usage",
      run: (w, who) => call(usageRoute.GET, "/x", { ...as(w, who), params: { id: w.target.token.id } }),
      want: { manager: 200, "other user": [404, "not_found"], admin: 200, "account's own token": 200, "manager's scoped token": 200 },
    },
    {
      verb: "rename a token",
      run: (w, who) => call(tokenRoute.PATCH, "/x", { method: "PATCH", ...as(w, who), params: { id: w.target.token.id }, body: { name: "renamed" } }),
      want: { manager: 200, "other user": [404, "not_found"], admin: 200, "account's own token": 200, "manager's scoped token": [403, "insufficient_scope"] },
    },
    {
      verb: "add a scope",
      run: (w, who) => call(scopesRoute.POST, "/x", { method: "POST", ...as(w, who), params: { id: w.target.token.id }, body: { entity: "tokens", operation: "read" } }),
      want: { manager: 201, "other user": [404, "not_found"], admin: 201, "account's own token": 201, "manager's scoped token": [403, "insufficient_scope"] },
    },
    {
      verb: "rotate (regenerate) a token",
      run: (w, who) => call(regenerateRoute.POST, "/x", { method: "POST", ...as(w, who), params: { id: w.target.token.id }, body: { expiresIn: "7d" } }),
      want: { manager: 200, "other user": [404, "not_found"], admin: 200, "account's own token": 200, "manager's scoped token": [403, "insufficient_scope"] },
    },
    {
      verb: "revoke a token",
      run: (w, who) => call(revokeRoute.POST, "/x", { method: "POST", ...as(w, who), params: { id: w.target.token.id } }),
      want: { manager: 200, "other user": [404, "not_found"], admin: 200, "account's own token": 200, "manager's scoped token": [403, "insufficient_scope"] },
    },
    {
      verb: "delete a token",
      run: (w, who) => call(tokenRoute.DELETE, "/x", { method: "DELETE", ...as(w, who), params: { id: w.target.token.id } }),
      want: { manager: 204, "other user": [404, "not_found"], admin: 204, "account's own token": 204, "manager's scoped token": [403, "insufficient_scope"] },
    },
  ];

  for (const { verb, run, want } of MATRIX) {
    for (const [who, expected] of Object.entries(want) as [Who, number | [number, string]][]) {
      it(`${verb}: ${who} gets ${Array.isArray(expected) ? expected.join(" ") : expected}`, async () => {
        const w = await world();
        const before = await db.token.findUnique({ where: { id: w.target.token.id } });
        const res = await run(w, who);
        if (Array.isArray(expected)) {
          expectErrorShape(res.json);
          expect([res.status, res.json.error.code], JSON.stringify(res.json)).toEqual(expected);
          // A refusal leaves the token as it was.
          expect(await db.token.findUnique({ where: { id: w.target.token.id } })).toEqual(before);
        } else {
          expect(res.status, JSON.stringify(res.json)).toBe(expected);
        }
      });
    }
  }

  it("a manager's token of their own is never reached through the account, nor another account's", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const a = await newAccount(admin, { managers: [manager.email] });
    const b = await newAccount(admin);
    const ofB = await accountToken(admin, b.id);
    const person = await createTestUser();
    const personal = await storeToken(person.id, "all");
    expect((await call(tokenRoute.GET, "/x", { as: manager, params: { id: ofB.token.id } })).status).toBe(404);
    expect((await call(tokenRoute.GET, "/x", { as: manager, params: { id: personal.id } })).status).toBe(404);
    // The account's own token can't reach its manager's tokens either.
    const own = await accountToken(manager, a.id, { scopes: "all" });
    const managers = await storeToken(manager.id, "all");
    expect((await call(tokenRoute.GET, "/x", { token: own.secret, params: { id: managers.id } })).status).toBe(404);
  });

  it("the tokens tables say whose they are, and the audit names the person who acted for the account", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { managers: [manager.email] });
    const created = await accountToken(manager, account.id);
    expect(created.token.owner).toEqual({ id: account.id, email: expect.any(String), name: account.name, kind: "service" });

    const all = await call(tokensRoute.GET, "/api/v1/tokens", { as: admin, query: { all: "true", owner: account.id } });
    expect(all.json.tokens.map((t: { owner: { kind: string; name: string } }) => t.owner)).toEqual([expect.objectContaining({ kind: "service", name: account.name })]);
    const listed = await call(accountTokensRoute.GET, "/x", { as: manager, params: { id: account.id } });
    expect(listed.json.tokens.map((t: { id: string }) => t.id)).toEqual([created.token.id]);
    // The manager's own list holds their own tokens only.
    expect((await call(tokensRoute.GET, "/api/v1/tokens", { as: manager })).json.tokens).toEqual([]);

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "token.create", targetId: created.token.id } });
    expect([event.actorId, event.ownerId]).toEqual([manager.id, account.id]);
    expect(JSON.parse(event.details!).onBehalfOf).toBe(account.id);

    // The account's own token acting: the log names it as the tables do, not by its made-up email.
    const own = await accountToken(manager, account.id, { name: "own", scopes: "all" });
    const byItself = await call(tokensRoute.POST, "/api/v1/tokens", { method: "POST", token: own.secret, body: { name: "child", expiresIn: "7d" } });
    expect(byItself.status).toBe(201);
    const selfEvent = await db.auditEvent.findFirstOrThrow({ where: { action: "token.create", targetId: byItself.json.token.id } });
    expect([selfEvent.actorId, selfEvent.actorEmail, selfEvent.ownerId]).toEqual([account.id, `service account: ${account.name}`, account.id]);
  });
});

describe("a service account's token never grants more than the account's roles", () => {
  it("scopes outside the account's roles are refused, even to an admin; an all-permissions token acts with the roles", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { roles: ["introspector"], managers: [manager.email] });

    const tooWide = await call(accountTokensRoute.POST, "/x", {
      method: "POST",
      as: admin,
      params: { id: account.id },
      body: { name: "n", expiresIn: "7d", scopes: [{ entity: "users", operation: "list" }] },
    });
    expect([tooWide.status, tooWide.json.error.message]).toEqual([400, expect.stringContaining("permissions you don't have: users:list")]);
    expectErrorShape(tooWide.json);

    const { secret } = await accountToken(manager, account.id, { scopes: "all" });
    // The account holds introspection:read only: listing tokens is not among its roles.
    const list = await call(tokensRoute.GET, "/api/v1/tokens", { token: secret });
    expect([list.status, list.json.error.code]).toEqual([403, "forbidden"]);
    const asked = await call(introspectRoute.POST, "/x", { method: "POST", token: secret, body: { token: "pat_made_up" } });
    expect([asked.status, asked.json]).toEqual([200, { active: false }]);
  });

  it("a manager calling with a scoped token can't hand the account's token more than that token holds", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { managers: [manager.email] });
    const narrow = await storeToken(manager.id, [{ entity: "tokens", operation: "create" }]);
    const all = await call(accountTokensRoute.POST, "/x", { method: "POST", token: narrow.secret, params: { id: account.id }, body: { name: "n", expiresIn: "7d", scopes: "all" } });
    expect([all.status, all.json.error.message]).toEqual([400, expect.stringContaining("can't create a token with all permissions")]);
    const fits = await call(accountTokensRoute.POST, "/x", {
      method: "POST",
      token: narrow.secret,
      params: { id: account.id },
      body: { name: "n", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "create" }] },
    });
    expect(fits.status, JSON.stringify(fits.json)).toBe(201);
    expect(fits.json.token.owner.id).toBe(account.id);
  });

  it("lowering the account's roles narrows its existing tokens at once", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { roles: ["user"], managers: [manager.email] });
    const { secret } = await accountToken(manager, account.id, { scopes: "all" });
    expect((await call(tokensRoute.GET, "/api/v1/tokens", { token: secret })).status).toBe(200);
    await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { roles: ["introspector"] } });
    expect((await call(tokensRoute.GET, "/api/v1/tokens", { token: secret })).status).toBe(403);
  });
});

describe("disabling a service account", () => {
  it("stops its tokens at once on every path (API, introspection, exchange); no new token; enabling brings them back", async () => {
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { managers: [manager.email] });
    const { secret } = await accountToken(manager, account.id, { scopes: "all" });
    expect((await me(secret)).status).toBe(200); // now in the cache

    const disabled = await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { disabled: true } });
    expect(disabled.json.disabled).toBe(true);
    const refused = await me(secret);
    expect([refused.status, refused.json.error.details.reason]).toEqual([401, "owner_disabled"]);
    const asked = await call(introspectRoute.POST, "/x", { method: "POST", as: admin, body: { token: secret } });
    expect(asked.json).toEqual({ active: false });
    const exchanged = await call(exchangeRoute.POST, "/x", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      rawBody: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" }).toString(),
    });
    // RFC 8693 2.2.2: a subject token that is not valid is invalid_request.
    expect([exchanged.status, exchanged.json.error]).toEqual([400, "invalid_request"]);

    const mint = await call(accountTokensRoute.POST, "/x", { method: "POST", as: manager, params: { id: account.id }, body: { name: "n", expiresIn: "7d" } });
    expect([mint.status, mint.json.error.code]).toEqual([409, "conflict"]);

    await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { disabled: false } });
    expect((await me(secret)).status).toBe(200);
    const actions = (await db.auditEvent.findMany({ where: { targetId: account.id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["service_account.create", "service_account.disable", "service_account.enable"]);
  });

  // Only where there is a PostgreSQL (the suite runs on both engines): another instance's cache.
  const database = loadEnv().database;
  const onPostgres = database.provider === "postgresql" ? it : () => undefined;
  onPostgres("PostgreSQL: disabling reaches another instance's cached lookup of its token through NOTIFY", async () => {
    if (database.provider !== "postgresql") throw new Error("unreachable");
    const admin = await createAdmin();
    const manager = await createTestUser();
    const account = await newAccount(admin, { managers: [manager.email] });
    const { secret, token } = await accountToken(manager, account.id);
    const other = new TokenCache(() => 60_000);
    const here = await startCacheSync(tokenCache, database.url);
    const there = await startCacheSync(other, database.url);
    try {
      const hash = hashSecret(secret);
      other.set(hash, { tokenId: token.id, userId: account.id } as CachedPrincipal);
      expect(other.get(hash)).toMatchObject({ tokenId: token.id, userId: account.id });
      await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { disabled: true } });
      await expect.poll(() => other.get(hash), { timeout: 5000 }).toBeUndefined();
    } finally {
      await there.stop();
      await here.stop();
    }
  });
});

describe("when a manager is disabled or removed", () => {
  it("the account and its tokens keep working; with no active manager left it is flagged; a removed manager loses access", async () => {
    const admin = await createAdmin();
    const first = await createTestUser();
    const second = await createTestUser();
    const account = await newAccount(admin, { managers: [first.email, second.email] });
    const { secret, token } = await accountToken(first, account.id);

    // One manager disabled: the other is active, nothing is flagged.
    await db.user.update({ where: { id: first.id }, data: { disabled: true } });
    let read = await call(accountRoute.GET, "/x", { as: admin, params: { id: account.id } });
    expect(read.json.needsManager).toBe(false);

    // The other removed: nobody active is left. The token still works; admins see the flag.
    const changed = await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { managers: [first.email] } });
    expect(changed.json.managers.map((m: { email: string }) => m.email)).toEqual([first.email]);
    expect(changed.json.needsManager).toBe(true);
    expect((await me(secret)).status).toBe(200);
    expect((await call(tokenRoute.GET, "/x", { as: second, params: { id: token.id } })).status).toBe(404);
    expect((await call(accountTokensRoute.GET, "/x", { as: second, params: { id: account.id } })).status).toBe(404);

    const list = await call(accountsRoute.GET, "/api/v1/service-accounts", { as: admin });
    expect(list.json.serviceAccounts.find((a: { id: string }) => a.id === account.id).needsManager).toBe(true);

    // A new manager clears the flag.
    const fixed = await call(accountRoute.PATCH, "/x", { method: "PATCH", as: admin, params: { id: account.id }, body: { managers: [second.email] } });
    expect(fixed.json.needsManager).toBe(false);
    read = await call(accountRoute.GET, "/x", { as: second, params: { id: account.id } });
    expect(read.status).toBe(200);
  });
});

describe("notices of a service account's tokens", () => {
  it("go to its active managers, and to nobody when none is left", () => {
    expect(recipientOf({ email: "ada@example.test", kind: "internal", managers: [] })).toBe("ada@example.test");
    expect(recipientOf({ email: "x@service-account.invalid", kind: "service", managers: [{ user: { email: "b@example.test" } }, { user: { email: "a@example.test" } }] })).toBe(
      "a@example.test, b@example.test",
    );
    expect(recipientOf({ email: "x@service-account.invalid", kind: "service", managers: [] })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import * as catalogRoute from "@/app/api/v1/permissions/catalog/route";
import * as check from "@/app/api/v1/permissions/check/route";
import * as me from "@/app/api/v1/me/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as scopes from "@/app/api/v1/tokens/[id]/scopes/route";
import * as scope from "@/app/api/v1/tokens/[id]/scopes/[scopeId]/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import { ROUTE_PERMISSIONS, type RouteKey } from "@/lib/api/routes";
import { db } from "@/lib/db";
import { buildCatalog, getCatalog } from "@/lib/permissions/catalog";
import { isAllowed } from "@/lib/permissions/check";
import { parseScopeLabel, scopeLabel } from "@/lib/permissions/format";
import { call, createAdmin, createTestUser } from "./helpers";
import { ROUTES, storeDeviceCode, storePendingToken, storeFederationPolicy, storeServiceAccount, storeToken } from "./routes";

/** Every Bearer challenge names the API's protected-resource metadata (RFC 9728 section 5.1). */
const RESOURCE_METADATA = 'resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource"';

const otherPermission = (needed: string) => (needed === "tokens:list" ? "tokens:read" : "tokens:list");

/** Routes that hand out the target's secret or change the target also need the target's own
 * grant (tokens:read here): a token can't change a token stronger than itself (caller-bounds). */
const BOUND_BY_TARGET = new Set<RouteKey>(["POST /api/v1/tokens/:id/regenerate", "PATCH /api/v1/tokens/:id"]);
const handsOutTargetSecret = (route: RouteKey) => (BOUND_BY_TARGET.has(route) ? [{ entity: "tokens", operation: "read" }] : []);

/** Routes no token may call, whatever it holds: approving a device mints a token (403 forbidden). */
const SESSION_ONLY = new Set<RouteKey>(["POST /api/v1/device/decision"]);

describe("every route x every kind of caller", () => {
  const owners = { admin: ["admin", "user"], user: ["user"] } as const;
  const grants = ["no scope", "right scope", "wrong scope", "all scopes"] as const;

  for (const [route, needed] of Object.entries(ROUTE_PERMISSIONS) as [RouteKey, string | null][]) {
    for (const [ownerKind, roles] of Object.entries(owners)) {
      for (const grantKind of grants) {
        it(`${route} - ${ownerKind} owner - ${grantKind}`, async () => {
          const owner = await createTestUser({ roles: [...roles], withPassword: false });
          const toPerm = (p: string) => ({ entity: p.split(":")[0], operation: p.split(":")[1] });
          const grant =
            grantKind === "all scopes" ? "all"
            : grantKind === "no scope" ? []
            : grantKind === "right scope" ? (needed ? [toPerm(needed), ...handsOutTargetSecret(route)] : [toPerm("tokens:read")])
            : [toPerm(otherPermission(needed ?? "tokens:read"))];
          const caller = await storeToken(owner.id, grant);
          const target = await storeToken(owner.id, [{ entity: "tokens", operation: "read" }]);
          const hook = await db.webhookEndpoint.create({ data: { title: "hook", path: `h-${crypto.randomUUID()}`, authMethod: "none" } });
          const account = await storeServiceAccount(owner.id);
          const fixture = { owner, targetId: target.id, scopeId: target.scopeIds[0], webhookId: hook.id, serviceAccountId: account.id, federationPolicyId: await storeFederationPolicy(owner.id), deviceUserCode: await storeDeviceCode(), pendingTokenId: await storePendingToken() };
          const spec = ROUTES[route];
          const res = await call(spec.handler, "/x", {
            method: spec.method,
            token: caller.secret,
            params: spec.params?.(fixture),
            body: spec.body?.(fixture),
          });

          const [entity, operation] = (needed ?? ":").split(":");
          const ownerMay = needed === null || isAllowed(getCatalog(), roles, null, { entity, operation: operation as never });
          const tokenMay = needed === null || grantKind === "all scopes" || grantKind === "right scope";
          if (ownerMay && tokenMay && SESSION_ONLY.has(route)) {
            expect([res.status, res.json.error.code]).toEqual([403, "forbidden"]);
          } else if (ownerMay && tokenMay) {
            expect(res.status, JSON.stringify(res.json)).toBeGreaterThanOrEqual(200);
            expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
          } else {
            expect(res.status).toBe(403);
            if (route === "POST /api/v1/oauth/introspect") {
              // An OAuth endpoint: RFC 6749 section 5.2 errors.
              expect(res.json).toEqual({ error: "insufficient_scope", error_description: expect.stringContaining(needed) });
              return;
            }
            expect(res.json.error.code).toBe(ownerMay ? "insufficient_scope" : "forbidden");
            expect(res.json.error.message).toContain(needed);
            // RFC 6750: a token caller is told the token can't do it, whichever side refused.
            expect(res.headers.get("www-authenticate")).toBe(`Bearer error="insufficient_scope", error_description="${res.json.error.message}", scope="${needed}", ${RESOURCE_METADATA}`);
          }
        });
      }
    }
  }

  it("has a case for every route in the table", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(ROUTE_PERMISSIONS).sort());
  });
});

describe("a token never grants more than its owner has today", () => {
  it("a role change narrows existing tokens at once", async () => {
    const admin = await createAdmin();
    const other = await createAdmin();
    const created = await call(tokens.POST, "/api/v1/tokens", {
      method: "POST",
      as: admin,
      body: { name: "ops", expiresIn: "7d", scopes: [{ entity: "users", operation: "list" }] },
    });
    expect(created.status).toBe(201);
    const secret = created.json.secret;
    expect((await call(users.GET, "/api/v1/users", { token: secret })).status).toBe(200);
    const demote = await call(user.PATCH, "/x", { method: "PATCH", as: other, params: { id: admin.id }, body: { roles: ["user"] } });
    expect(demote.status).toBe(200);
    const after = await call(users.GET, "/api/v1/users", { token: secret });
    expect(after.status).toBe(403);
    expect(after.json.error.code).toBe("forbidden");
  });

  it("refuses to create a token with scopes the owner doesn't hold, naming them", async () => {
    const owner = await createTestUser();
    const res = await call(tokens.POST, "/api/v1/tokens", {
      method: "POST",
      as: owner,
      body: { name: "x", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "read" }, { entity: "users", operation: "list" }, { entity: "settings", operation: "update" }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe("You can't grant permissions you don't have: users:list, settings:update");
    const unknown = await call(tokens.POST, "/api/v1/tokens", {
      method: "POST",
      as: owner,
      body: { name: "x", expiresIn: "7d", scopes: [{ entity: "rockets", operation: "read" }, { entity: "tokens", operation: "publish" }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toBe("Unknown permissions: rockets:read, tokens:publish");
    for (const scopes of [[], [{ entity: "tokens" }], [{ entity: "tokens", operation: "fly" }], "some", [{ entity: "tokens", operation: "read", entityId: "bad id!" }]]) {
      const bad = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: owner, body: { name: "x", expiresIn: "7d", scopes } });
      expect(bad.status, JSON.stringify(scopes)).toBe(400);
    }
  });

  it("a scoped token can't mint a broader token", async () => {
    const owner = await createAdmin();
    const caller = await storeToken(owner.id, [{ entity: "tokens", operation: "create" }]);
    const all = await call(tokens.POST, "/x", { method: "POST", token: caller.secret, body: { name: "x", expiresIn: "7d" } });
    expect(all.status).toBe(400);
    const broader = await call(tokens.POST, "/x", {
      method: "POST",
      token: caller.secret,
      body: { name: "x", expiresIn: "7d", scopes: [{ entity: "users", operation: "list" }] },
    });
    expect(broader.status).toBe(400);
    expect(broader.json.error.message).toMatch(/users:list/);
  });

  it("a scope bound to one token id acts on that token only", async () => {
    const owner = await createTestUser({ withPassword: false });
    const a = await storeToken(owner.id, "all");
    const b = await storeToken(owner.id, "all");
    const caller = await storeToken(owner.id, [{ entity: "tokens", operation: "read", entityId: a.id }]);
    expect((await call(token.GET, "/x", { token: caller.secret, params: { id: a.id } })).status).toBe(200);
    const denied = await call(token.GET, "/x", { token: caller.secret, params: { id: b.id } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("insufficient_scope");
  });
});

describe("managing a token's scopes", () => {
  it("adds, lists and deletes scopes; with none left the token can do nothing", async () => {
    const owner = await createTestUser();
    const created = await call(tokens.POST, "/api/v1/tokens", {
      method: "POST",
      as: owner,
      body: { name: "scoped", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "list" }] },
    });
    const id = created.json.token.id;
    const secret = created.json.secret;
    expect(created.json.token.scopes).toEqual([{ id: expect.any(String), entity: "tokens", operation: "list", entityId: "*" }]);
    expect((await call(tokens.GET, "/x", { token: secret })).status).toBe(200);

    const added = await call(scopes.POST, "/x", { method: "POST", as: owner, params: { id }, body: { entity: "channels", operation: "publish", entityId: "news" } });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ entity: "channels", operation: "publish", entityId: "news" });
    const dup = await call(scopes.POST, "/x", { method: "POST", as: owner, params: { id }, body: { entity: "channels", operation: "publish", entityId: "news" } });
    expect(dup.status).toBe(409);
    const notHeld = await call(scopes.POST, "/x", { method: "POST", as: owner, params: { id }, body: { entity: "users", operation: "read" } });
    expect(notHeld.status).toBe(400);

    const list = await call(scopes.GET, "/x", { as: owner, params: { id } });
    expect(list.json.allPermissions).toBe(false);
    expect(list.json.scopes).toHaveLength(2);

    const removed = await call(scope.DELETE, "/x", { method: "DELETE", as: owner, params: { id, scopeId: added.json.id } });
    expect(removed.status).toBe(204);
    expect((await call(scope.DELETE, "/x", { method: "DELETE", as: owner, params: { id, scopeId: added.json.id } })).status).toBe(404);

    const cleared = await call(scopes.DELETE, "/x", { method: "DELETE", as: owner, params: { id } });
    expect(cleared.json).toEqual({ deleted: 1 });
    const denied = await call(tokens.GET, "/x", { token: secret });
    expect(denied.status).toBe(403);
    expect((await call(me.GET, "/x", { token: secret })).status).toBe(200);
  });

  it("clearing an all-permissions token leaves it with none; adding to it is refused", async () => {
    const owner = await createTestUser();
    const created = await call(tokens.POST, "/api/v1/tokens", { method: "POST", as: owner, body: { name: "all", expiresIn: "7d" } });
    const id = created.json.token.id;
    const add = await call(scopes.POST, "/x", { method: "POST", as: owner, params: { id }, body: { entity: "tokens", operation: "read" } });
    expect(add.status).toBe(409);
    await call(scopes.DELETE, "/x", { method: "DELETE", as: owner, params: { id } });
    expect((await call(tokens.GET, "/x", { token: created.json.secret })).status).toBe(403);
    expect((await call(token.GET, "/x", { as: owner, params: { id } })).json.scopes).toEqual([]);
  });
});

describe("operator-declared entities", () => {
  it("serves the catalog with what the caller may grant", async () => {
    const owner = await createTestUser();
    const res = await call(catalogRoute.GET, "/x", { as: owner });
    expect(res.status).toBe(200);
    expect(res.json.operations).toContain("subscribe");
    const channels = res.json.entities.find((e: { name: string }) => e.name === "channels");
    expect(channels).toMatchObject({ builtin: false, operations: ["publish", "subscribe", "read", "list"], grantable: ["publish", "read"] });
    expect(res.json.entities.find((e: { name: string }) => e.name === "users").grantable).toEqual([]);
  });

  it("lets other services check a token's permission on an entity", async () => {
    const owner = await createTestUser();
    const created = await call(tokens.POST, "/api/v1/tokens", {
      method: "POST",
      as: owner,
      body: { name: "pub", expiresIn: "7d", scopes: [{ entity: "channels", operation: "publish", entityId: "news" }] },
    });
    const ask = (body: object) => call(check.POST, "/x", { method: "POST", token: created.json.secret, body });
    expect((await ask({ entity: "channels", operation: "publish", entityId: "news" })).json).toEqual({ allowed: true });
    expect((await ask({ entity: "channels", operation: "publish", entityId: "sports" })).json).toEqual({ allowed: false });
    expect((await ask({ entity: "channels", operation: "publish" })).json).toEqual({ allowed: false });
    expect((await ask({ entity: "channels", operation: "subscribe", entityId: "news" })).json).toEqual({ allowed: false });
    expect((await ask({ entity: "channels", operation: "fly" })).status).toBe(400);
    expect((await call(check.POST, "/x", { method: "POST", body: { entity: "channels", operation: "read" } })).status).toBe(401);
  });

  it("checks the operator's file", () => {
    expect(() => buildCatalog({ entities: { tokens: { operations: ["read"] } } })).toThrow(/built in/);
    expect(() => buildCatalog({ entities: { channels: { operations: ["fly" as never] } } })).toThrow();
    expect(() => buildCatalog({ roles: { user: ["not a grant"] } })).toThrow();
    const catalog = buildCatalog({ entities: { docs: { operations: ["share"] } }, roles: { user: ["docs:share"] } });
    expect(isAllowed(catalog, ["user"], null, { entity: "docs", operation: "share" })).toBe(true);
    expect(isAllowed(catalog, ["user"], { allPermissions: false, scopes: [] }, { entity: "docs", operation: "share" })).toBe(false);
    expect(isAllowed(catalog, ["admin"], null, { entity: "docs", operation: "unshare" })).toBe(true);
  });

  it("grants nothing for a role the catalog does not have, a name of an object's own methods included", () => {
    const catalog = buildCatalog({ entities: { docs: { operations: ["share"] } }, roles: { user: ["docs:share"] } });
    for (const role of ["nobody", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(isAllowed(catalog, [role], null, { entity: "docs", operation: "share" }), role).toBe(false);
    }
    // Asked again (the split grants are kept per catalog): the same answers.
    expect(isAllowed(catalog, ["user"], null, { entity: "docs", operation: "share" })).toBe(true);
    expect(isAllowed(catalog, ["user"], null, { entity: "docs", operation: "read" })).toBe(false);
    expect(isAllowed(buildCatalog({ entities: { docs: { operations: ["share"] } } }), ["user"], null, { entity: "docs", operation: "share" })).toBe(false);
  });
});

describe("scope labels", () => {
  it("reads back what scopeLabel writes, an entity id with colons included", () => {
    for (const scope of [{ entity: "tokens", operation: "read" }, { entity: "channels", operation: "publish", entityId: "news" }, { entity: "docs", operation: "share", entityId: "urn:doc:42" }]) {
      expect(parseScopeLabel(scopeLabel(scope))).toEqual({ entityId: undefined, ...scope });
    }
    expect(parseScopeLabel("channels:publish:*")).toEqual({ entity: "channels", operation: "publish", entityId: undefined });
    expect(parseScopeLabel("email")).toEqual({ entity: "email", operation: "", entityId: undefined });
  });
});

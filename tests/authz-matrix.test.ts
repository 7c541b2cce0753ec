// The authorization matrix, generated from the route table: every route in ROUTE_PERMISSIONS x
// every kind of caller. The expected answer is derived from the table and the roles catalog
// (isAllowed), not written per route; every refusal is asserted by status and code, and a
// refused call must leave the database as it was (no escalation, not even a partial one).
import { describe, expect, it } from "vitest";
import { ROUTE_PERMISSIONS, type RouteKey } from "@/lib/api/routes";
import { db } from "@/lib/db";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { getCatalog, type Operation } from "@/lib/permissions/catalog";
import { isAllowed } from "@/lib/permissions/check";
import { dbFingerprint } from "./db-fingerprint";
import { call, createTestUser, expectErrorShape, type CallOptions, type TestUser } from "./helpers";
import { ROUTES, storeDeviceCode, storePendingToken, storeFederationPolicy, storeServiceAccount, storeToken, type Fixture } from "./routes";
import { CLIENT_IP_HEADER } from "@/lib/client-address";

const ADMIN = ["admin", "user"];
const USER = ["user"];
const DAY = 24 * 60 * 60 * 1000;

/** Token actions only the token's owner may take; an admin may read, revoke and delete anyone's
 * (lib/tokens/actions.ts findForOwner vs findAccessible). */
const OWNER_ONLY = new Set<RouteKey>([
  "PATCH /api/v1/tokens/:id",
  "POST /api/v1/tokens/:id/regenerate",
  "POST /api/v1/tokens/:id/scopes",
  "DELETE /api/v1/tokens/:id/scopes",
  "DELETE /api/v1/tokens/:id/scopes/:scopeId",
]);

/** Routes that act on the calling token itself: a session is refused (401 unauthorized). */
const TOKEN_ONLY = new Set<RouteKey>(["POST /api/v1/tokens/self/rotate"]);
/** Routes a token may not call even with the permission: approving a device mints a token (403). */
const SESSION_ONLY = new Set<RouteKey>(["POST /api/v1/device/decision"]);

type Caller = {
  /** Roles of the person the call acts for; null: nobody (anonymous, or a dead token). */
  roles: string[] | null;
  /** The credential: a session, or a token with this grant and state. */
  make: (owner: TestUser) => Promise<Partial<CallOptions>>;
  /** The objects (tokens) in the fixture belong to someone else. */
  foreign?: boolean;
  /** An error this caller always gets, whatever the route. */
  refusedWith?: ErrorCode;
  /** Writes are refused with this code (reads pass). */
  writesRefusedWith?: ErrorCode;
  /** A scoped token that holds some other permission than the route's. */
  scopedElsewhere?: boolean;
  /** Signed in with a session cookie (no token). */
  session?: boolean;
};

const other = (needed: string) => (needed === "tokens:list" ? "tokens:read" : "tokens:list");
const perm = (p: string) => ({ entity: p.split(":")[0], operation: p.split(":")[1] });

const CALLERS: Record<string, Caller> = {
  anonymous: { roles: null, make: async () => ({}), refusedWith: "unauthorized" },
  user: { roles: USER, make: async (u) => ({ as: u }), session: true },
  admin: { roles: ADMIN, make: async (u) => ({ as: u }), session: true },
  "token with all permissions": { roles: ADMIN, make: async (u) => ({ token: (await storeToken(u.id, "all")).secret }) },
  "scoped token without the permission": { roles: ADMIN, make: async () => ({}), scopedElsewhere: true },
  "revoked token": { roles: null, make: async (u) => ({ token: (await storeToken(u.id, "all", { revokedAt: new Date() })).secret }), refusedWith: "invalid_token" },
  "expired token": { roles: null, make: async (u) => ({ token: (await storeToken(u.id, "all", { expiresAt: new Date(Date.now() - DAY) })).secret }), refusedWith: "invalid_token" },
  "owner disabled": {
    roles: null,
    make: async (u) => {
      const secret = (await storeToken(u.id, "all")).secret;
      await db.user.update({ where: { id: u.id }, data: { disabled: true } });
      return { token: secret };
    },
    refusedWith: "invalid_token",
  },
  "another user's object (user)": { roles: USER, make: async (u) => ({ as: u }), foreign: true, session: true },
  "another user's object (admin)": { roles: ADMIN, make: async (u) => ({ as: u }), foreign: true, session: true },
  "cookie write from another origin": { roles: ADMIN, make: async (u) => ({ as: u, origin: "https://attacker.example" }), writesRefusedWith: "cross_origin", session: true },
};

const INTROSPECT: RouteKey = "POST /api/v1/oauth/introspect";
/** The introspection endpoint speaks RFC 6749 (lib/authority/oauth-errors.ts). */
const OAUTH_ERROR: Partial<Record<ErrorCode, [string, number]>> = {
  unauthorized: ["invalid_client", 401],
  invalid_token: ["invalid_client", 401],
  cross_origin: ["invalid_client", 401],
  forbidden: ["insufficient_scope", 403],
  insufficient_scope: ["insufficient_scope", 403],
  not_found: ["invalid_request", 400],
};

/** What this caller must get on this route: null for a 2xx, else the error code. */
function expected(route: RouteKey, caller: Caller): ErrorCode | null {
  const needed = ROUTE_PERMISSIONS[route];
  const method = route.split(" ")[0];
  if (caller.refusedWith) return caller.refusedWith;
  if (caller.writesRefusedWith && method !== "GET") return caller.writesRefusedWith;
  if (caller.session && TOKEN_ONLY.has(route)) return "unauthorized";
  if (needed !== null) {
    const [entity, operation] = needed.split(":");
    if (!isAllowed(getCatalog(), caller.roles!, null, { entity, operation: operation as Operation })) return "forbidden";
    if (caller.scopedElsewhere) return "insufficient_scope";
  }
  if (!caller.session && SESSION_ONLY.has(route)) return "forbidden";
  if (caller.foreign && route.startsWith(`${method} /api/v1/tokens/:id`)) {
    if (!caller.roles!.includes("admin")) return "not_found"; // another's token is not there at all
    if (OWNER_ONLY.has(route)) return "forbidden";
  }
  // Another's service account is not there at all, but for an admin.
  if (caller.foreign && route.startsWith(`${method} /api/v1/service-accounts/:id`) && !caller.roles!.includes("admin")) return "not_found";
  return null;
}

let cases = 0;
const nextAddress = () => `198.18.${(++cases >> 8) & 255}.${cases & 255}`;

describe("authorization matrix: every route x every kind of caller", () => {
  for (const route of Object.keys(ROUTE_PERMISSIONS) as RouteKey[]) {
    for (const [name, caller] of Object.entries(CALLERS)) {
      const want = expected(route, caller);
      it(`${route} - ${name} - ${want ?? "2xx"}`, async () => {
        const roles = caller.roles ?? ADMIN; // a dead credential's owner may do everything: it must not help
        const me = await createTestUser({ roles, withPassword: false });
        const owner = caller.foreign ? await createTestUser({ roles: USER, withPassword: false }) : me;
        const target = await storeToken(owner.id, [{ entity: "tokens", operation: "read" }]);
        const hook = await db.webhookEndpoint.create({ data: { title: "hook", path: `h-${crypto.randomUUID()}`, authMethod: "none" } });
        // users/:id routes act on the caller themself (or the other user for "another user's object").
        const account = await storeServiceAccount(owner.id);
        const policyId = await storeFederationPolicy(owner.id);
        const fixture: Fixture = { owner, targetId: target.id, scopeId: target.scopeIds[0], webhookId: hook.id, serviceAccountId: account.id, federationPolicyId: policyId, deviceUserCode: await storeDeviceCode(), pendingTokenId: await storePendingToken() };
        const credential = caller.scopedElsewhere
          ? { token: (await storeToken(me.id, [perm(other(ROUTE_PERMISSIONS[route] ?? "tokens:read"))])).secret }
          : await caller.make(me);
        const spec = ROUTES[route];
        const before = await dbFingerprint({ users: [me.id, owner.id], tokens: [target.id], webhooks: [hook.id], federationPolicies: [policyId] });
        // Each case from its own address: the failed-token rate limit (per address) is not what this checks.
        const headers = { [CLIENT_IP_HEADER]: nextAddress(), ...("headers" in credential ? credential.headers : {}) };
        const res = await call(spec.handler, "/x", { method: spec.method, params: spec.params?.(fixture), body: spec.body?.(fixture), ...credential, headers });

        if (want === null) {
          expect(res.status, JSON.stringify(res.json)).toBeGreaterThanOrEqual(200);
          expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
          return;
        }
        if (route === INTROSPECT) {
          const [error, status] = OAUTH_ERROR[want]!;
          expect([res.status, res.json?.error], JSON.stringify(res.json)).toEqual([status, error]);
        } else {
          expectErrorShape(res.json);
          expect([res.status, res.json.error.code], JSON.stringify(res.json)).toEqual([ERROR_STATUS[want], want]);
        }
        expect(await dbFingerprint({ users: [me.id, owner.id], tokens: [target.id], webhooks: [hook.id], federationPolicies: [policyId] }), "a refused call changed the database").toBe(before);
      });
    }
  }

  it("covers every route of the table and no other", () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(ROUTE_PERMISSIONS).sort());
  });
});

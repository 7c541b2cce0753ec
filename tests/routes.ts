// How to call each authenticated route successfully, derived from the operations list
// (lib/api/operations): the handler the route file exports, the method, the path parameters
// (from the fixture, by the path's area) and a body (the operation's example, made unique
// where the domain wants it so). Shared by the permission tests, the authorization matrix and
// the fuzz suite (which start from a good call and break it).
import { handlerOf } from "@/lib/api/handler";
import type { ApiOperation } from "@/lib/api/operation";
import { API_OPERATIONS } from "@/lib/api/operations";
import type { RouteKey } from "@/lib/api/routes";
import { db } from "@/lib/db";
import { mintSecret } from "@/lib/tokens/format";
import type { call, TestUser } from "./helpers";

export type Handler = Parameters<typeof call>[0];
/** `serviceAccountId`: a service account the owner manages. */
export type Fixture = { owner: TestUser; targetId: string; scopeId: string; webhookId: string; serviceAccountId: string; federationPolicyId: string; deviceUserCode: string; pendingTokenId: string };

/** A device sign-in waiting for approval (the /device routes' fixture), stored directly. */
export async function storeDeviceCode(): Promise<string> {
  const userCode = Array.from({ length: 8 }, () => "BCDFGHJKLMNPQRSTVWXZ"[crypto.getRandomValues(new Uint8Array(1))[0] % 20]).join("");
  await db.deviceAuthorization.create({
    data: { deviceCodeHash: crypto.randomUUID(), userCode, clientId: "cli", scopes: JSON.stringify(["tokens:read"]), expiresIn: "7d", interval: 5, expiresAt: new Date(Date.now() + 600_000) },
  });
  return userCode;
}

/** A token waiting for approval, of a user of its own (nobody decides on their own token). */
export async function storePendingToken(): Promise<string> {
  const minted = mintSecret("pat_");
  const user = await db.user.create({ data: { email: `${crypto.randomUUID()}@example.test`, name: "Requester" } });
  const row = await db.token.create({ data: { userId: user.id, name: "pending", prefix: minted.displayPrefix, secretHash: minted.hash, approvalStatus: "pending" } });
  return row.id;
}

/** A federation policy for the fixture (ids under /federation/policies), stored directly. */
export async function storeFederationPolicy(principalId: string): Promise<string> {
  const row = await db.federationPolicy.create({
    data: {
      name: "policy",
      issuer: "https://ci.example.com",
      audience: "pat-console",
      conditions: JSON.stringify([{ claim: "repository", match: "exact", value: "acme/app" }]),
      principalId,
      scopes: JSON.stringify(["tokens:read"]),
      lifetimeMinutes: 5,
    },
  });
  return row.id;
}
export type RouteCase = { handler: Handler; method: string; body?: (f: Fixture) => unknown; params?: (f: Fixture) => Record<string, string> };

/** Bodies a good call needs besides the operation's example (which the API reference shows). */
const BODIES: Partial<Record<RouteKey, (f: Fixture) => unknown>> = {
  "POST /api/v1/oauth/introspect": () => ({ token: "pat_not_a_token" }),
  "POST /api/v1/webhooks": () => ({ title: "t", path: `p-${crypto.randomUUID()}`, authMethod: "none" }),
  "POST /api/v1/tokens": () => ({ name: "n", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "create" }] }),
  "PATCH /api/v1/tokens/:id": () => ({ name: "renamed" }),
  "POST /api/v1/tokens/:id/regenerate": () => ({ expiresIn: "7d" }),
  // Rotates the calling token itself (a session is refused: see TOKEN_ONLY in authz-matrix.test.ts).
  "POST /api/v1/tokens/self/rotate": () => ({ expiresIn: "7d", graceSeconds: 60 }),
  "POST /api/v1/tokens/:id/scopes": () => ({ entity: "tokens", operation: "update", entityId: "x" }),
  "POST /api/v1/users": () => ({ email: `p-${crypto.randomUUID()}@example.test`, name: "P", password: "password-1" }),
  "PATCH /api/v1/users/:id": () => ({ name: "Renamed" }),
  "POST /api/v1/service-accounts": () => ({ name: `bot-${crypto.randomUUID()}` }),
  "POST /api/v1/service-accounts/:id/tokens": () => ({ name: "n", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "create" }] }),
  "POST /api/v1/federation/policies": (f) => ({
    name: "CI",
    issuer: "https://ci.example.com",
    audience: "pat-console",
    conditions: [{ claim: "repository", match: "exact", value: "acme/app" }],
    principalId: f.owner.id,
    scopes: ["tokens:read"],
    lifetimeMinutes: 5,
  }),
  "PATCH /api/v1/federation/policies/:id": () => ({ name: "Renamed" }),
  "POST /api/v1/device/lookup": (f) => ({ user_code: f.deviceUserCode }),
  "POST /api/v1/device/decision": (f) => ({ user_code: f.deviceUserCode, approve: true }),
  "PUT /api/v1/admin/settings": () => ({ maxExpiration: "never", allowSsoPatCreation: true }),
};

/** A path parameter's value in the fixture: ids under /users are the owner, under /webhooks
 * the webhook, under /service-accounts the owner's service account, under /federation/policies
 * the policy, under /approvals a pending token of another user, scopeId the target's scope, any other id the target token. */
function paramValue(path: string, name: string, f: Fixture): string {
  if (name === "scopeId") return f.scopeId;
  if (path.startsWith("/api/v1/users/")) return f.owner.id;
  if (path.startsWith("/api/v1/webhooks/")) return f.webhookId;
  if (path.startsWith("/api/v1/service-accounts/")) return f.serviceAccountId;
  if (path.startsWith("/api/v1/federation/policies/")) return f.federationPolicyId;
  if (path.startsWith("/api/v1/approvals/")) return f.pendingTokenId;
  return f.targetId;
}

function routeCase(op: ApiOperation): RouteCase {
  const names = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const example = op.example;
  const body = BODIES[op.key as RouteKey] ?? (op.input?.body ? () => example ?? {} : undefined);
  return {
    handler: handlerOf(op) as Handler,
    method: op.method,
    ...(body ? { body } : {}),
    ...(names.length ? { params: (f: Fixture) => Object.fromEntries(names.map((n) => [n, paramValue(op.path, n, f)])) } : {}),
  };
}

const operations: readonly ApiOperation[] = API_OPERATIONS;

/** How to call each route of ROUTE_PERMISSIONS successfully. */
export const ROUTES = Object.fromEntries(operations.filter((op) => op.permission !== "public").map((op) => [op.key, routeCase(op)])) as Record<RouteKey, RouteCase>;

/** A token stored directly, so that it may hold scopes its owner can't hold (any more). */
export async function storeToken(
  ownerId: string,
  grant: "all" | { entity: string; operation: string; entityId?: string }[],
  extra: { expiresAt?: Date; revokedAt?: Date } = {},
) {
  const minted = mintSecret("pat_");
  const row = await db.token.create({
    data: {
      userId: ownerId,
      name: "caller",
      prefix: minted.displayPrefix,
      secretHash: minted.hash,
      allPermissions: grant === "all",
      ...extra,
      scopes: { create: grant === "all" ? [] : grant.map((s) => ({ entityId: "*", ...s })) },
    },
    include: { scopes: true },
  });
  return { id: row.id, secret: minted.secret, scopeIds: row.scopes.map((s) => s.id) };
}

/** A service account (roles: user) managed by `managerId`, stored directly. */
export async function storeServiceAccount(managerId: string, extra: { roles?: string; disabled?: boolean } = {}) {
  return db.user.create({
    data: { email: `${crypto.randomUUID()}@service-account.invalid`, name: `bot-${crypto.randomUUID()}`, kind: "service", roles: extra.roles ?? "user", disabled: extra.disabled ?? false, managers: { create: [{ userId: managerId }] } },
  });
}

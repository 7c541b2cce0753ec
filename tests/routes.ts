// How to call each route of ROUTE_PERMISSIONS successfully, shared by the permission tests,
// the authorization matrix and the fuzz suite (which start from a good call and break it).
import * as settings from "@/app/api/v1/admin/settings/route";
import * as signingKeys from "@/app/api/v1/admin/signing-keys/route";
import * as unusedTokens from "@/app/api/v1/admin/unused-tokens/route";
import * as audit from "@/app/api/v1/audit/route";
import * as me from "@/app/api/v1/me/route";
import * as introspect from "@/app/api/v1/oauth/introspect/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as webhook from "@/app/api/v1/webhooks/[id]/route";
import * as webhookRequests from "@/app/api/v1/webhooks/[id]/requests/route";
import * as myAudit from "@/app/api/v1/me/audit/route";
import * as catalogRoute from "@/app/api/v1/permissions/catalog/route";
import * as check from "@/app/api/v1/permissions/check/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as regenerate from "@/app/api/v1/tokens/[id]/regenerate/route";
import * as rotateSelf from "@/app/api/v1/tokens/self/rotate/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as scopes from "@/app/api/v1/tokens/[id]/scopes/route";
import * as usage from "@/app/api/v1/tokens/[id]/usage/route";
import * as scope from "@/app/api/v1/tokens/[id]/scopes/[scopeId]/route";
import * as users from "@/app/api/v1/users/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as userSessions from "@/app/api/v1/users/[id]/sessions/route";
import * as metrics from "@/app/api/metrics/route";
import type { RouteKey } from "@/lib/auth/route-permissions";
import { db } from "@/lib/db";
import { mintSecret } from "@/lib/tokens/format";
import type { call, TestUser } from "./helpers";

export type Handler = Parameters<typeof call>[0];
export type Fixture = { owner: TestUser; targetId: string; scopeId: string; webhookId: string };
export type RouteCase = { handler: Handler; method: string; body?: (f: Fixture) => unknown; params?: (f: Fixture) => Record<string, string> };

const byId = (f: Fixture) => ({ id: f.targetId });

/** How to call each route of ROUTE_PERMISSIONS successfully. */
export const ROUTES: Record<RouteKey, RouteCase> = {
  "GET /api/v1/me": { handler: me.GET, method: "GET" },
  "GET /api/v1/me/audit": { handler: myAudit.GET, method: "GET" },
  "GET /api/v1/audit": { handler: audit.GET, method: "GET" },
  "POST /api/v1/oauth/introspect": { handler: introspect.POST, method: "POST", body: () => ({ token: "pat_not_a_token" }) },
  "GET /api/v1/webhooks": { handler: webhooks.GET, method: "GET" },
  "POST /api/v1/webhooks": { handler: webhooks.POST, method: "POST", body: () => ({ title: "t", path: `p-${crypto.randomUUID()}`, authMethod: "none" }) },
  "GET /api/v1/webhooks/:id": { handler: webhook.GET, method: "GET", params: (f) => ({ id: f.webhookId }) },
  "PATCH /api/v1/webhooks/:id": { handler: webhook.PATCH, method: "PATCH", params: (f) => ({ id: f.webhookId }), body: () => ({ enabled: false }) },
  "DELETE /api/v1/webhooks/:id": { handler: webhook.DELETE, method: "DELETE", params: (f) => ({ id: f.webhookId }) },
  "GET /api/v1/webhooks/:id/requests": { handler: webhookRequests.GET, method: "GET", params: (f) => ({ id: f.webhookId }) },
  "GET /api/v1/permissions/catalog": { handler: catalogRoute.GET, method: "GET" },
  "POST /api/v1/permissions/check": { handler: check.POST, method: "POST", body: () => ({ entity: "tokens", operation: "read" }) },
  "GET /api/v1/tokens": { handler: tokens.GET, method: "GET" },
  "POST /api/v1/tokens": { handler: tokens.POST, method: "POST", body: () => ({ name: "n", expiresIn: "7d", scopes: [{ entity: "tokens", operation: "create" }] }) },
  "DELETE /api/v1/tokens": { handler: tokens.DELETE, method: "DELETE" },
  "GET /api/v1/tokens/:id": { handler: token.GET, method: "GET", params: byId },
  "PATCH /api/v1/tokens/:id": { handler: token.PATCH, method: "PATCH", params: byId, body: () => ({ name: "renamed" }) },
  "DELETE /api/v1/tokens/:id": { handler: token.DELETE, method: "DELETE", params: byId },
  "POST /api/v1/tokens/:id/revoke": { handler: revoke.POST, method: "POST", params: byId },
  "POST /api/v1/tokens/:id/regenerate": { handler: regenerate.POST, method: "POST", params: byId, body: () => ({ expiresIn: "7d" }) },
  // Rotates the calling token itself (a session is refused: see TOKEN_ONLY in authz-matrix.test.ts).
  "POST /api/v1/tokens/self/rotate": { handler: rotateSelf.POST, method: "POST", body: () => ({ expiresIn: "7d", graceSeconds: 60 }) },
  "GET /api/v1/tokens/:id/usage": { handler: usage.GET, method: "GET", params: byId },
  "GET /api/v1/tokens/:id/scopes": { handler: scopes.GET, method: "GET", params: byId },
  "POST /api/v1/tokens/:id/scopes": { handler: scopes.POST, method: "POST", params: byId, body: () => ({ entity: "tokens", operation: "update", entityId: "x" }) },
  "DELETE /api/v1/tokens/:id/scopes": { handler: scopes.DELETE, method: "DELETE", params: byId },
  "DELETE /api/v1/tokens/:id/scopes/:scopeId": { handler: scope.DELETE, method: "DELETE", params: (f) => ({ id: f.targetId, scopeId: f.scopeId }) },
  "GET /api/v1/users": { handler: users.GET, method: "GET" },
  "POST /api/v1/users": { handler: users.POST, method: "POST", body: () => ({ email: `p-${crypto.randomUUID()}@example.test`, name: "P", password: "password-1" }) },
  "GET /api/v1/users/:id": { handler: user.GET, method: "GET", params: (f) => ({ id: f.owner.id }) },
  "PATCH /api/v1/users/:id": { handler: user.PATCH, method: "PATCH", params: (f) => ({ id: f.owner.id }), body: () => ({ name: "Renamed" }) },
  "DELETE /api/v1/users/:id/sessions": { handler: userSessions.DELETE, method: "DELETE", params: (f) => ({ id: f.owner.id }) },
  "GET /api/v1/admin/settings": { handler: settings.GET, method: "GET" },
  "GET /api/v1/admin/signing-keys": { handler: signingKeys.GET, method: "GET" },
  "POST /api/v1/admin/signing-keys": { handler: signingKeys.POST, method: "POST" },
  "GET /api/v1/admin/unused-tokens": { handler: unusedTokens.GET, method: "GET" },
  "PUT /api/v1/admin/settings": { handler: settings.PUT, method: "PUT", body: () => ({ maxExpiration: "never", allowSsoPatCreation: true }) },
  "GET /api/metrics": { handler: metrics.GET, method: "GET" },
};

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

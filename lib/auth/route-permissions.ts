// Every /api/v1 route (and /api/metrics) and the permission it needs, in one place (a test walks this table).
// null: any authenticated caller. Routes with an :id check the permission for that entity id,
// so a token scoped to one token id can act on that token only.
import type { Operation } from "@/lib/permissions/catalog";

export const ROUTE_PERMISSIONS = {
  "GET /api/v1/me": null,
  "GET /api/v1/me/audit": null,
  "GET /api/v1/permissions/catalog": null,
  "POST /api/v1/permissions/check": null,
  "GET /api/v1/tokens": "tokens:list",
  "POST /api/v1/tokens": "tokens:create",
  "DELETE /api/v1/tokens": "tokens:delete",
  "GET /api/v1/tokens/:id": "tokens:read",
  "PATCH /api/v1/tokens/:id": "tokens:update",
  "DELETE /api/v1/tokens/:id": "tokens:delete",
  "POST /api/v1/tokens/:id/revoke": "tokens:update",
  "POST /api/v1/tokens/:id/regenerate": "tokens:update",
  // The calling token renews its own secret: no scope needed (same grant, expiry within the
  // admin maximum; lib/tokens/rotation.ts). Token callers only: a session gets 401.
  "POST /api/v1/tokens/self/rotate": null,
  "GET /api/v1/tokens/:id/usage": "tokens:read",
  "GET /api/v1/tokens/:id/scopes": "tokens:read",
  "POST /api/v1/tokens/:id/scopes": "tokens:update",
  "DELETE /api/v1/tokens/:id/scopes": "tokens:update",
  "DELETE /api/v1/tokens/:id/scopes/:scopeId": "tokens:update",
  "GET /api/v1/users": "users:list",
  "POST /api/v1/users": "users:create",
  "GET /api/v1/users/:id": "users:read",
  "PATCH /api/v1/users/:id": "users:update",
  "DELETE /api/v1/users/:id/sessions": "users:update",
  "GET /api/v1/admin/settings": "settings:read",
  "PUT /api/v1/admin/settings": "settings:update",
  "GET /api/v1/admin/signing-keys": "settings:read",
  "POST /api/v1/admin/signing-keys": "settings:update",
  "GET /api/v1/admin/unused-tokens": "settings:read",
  "GET /api/v1/audit": "audit:list",
  "POST /api/v1/oauth/introspect": "introspection:read",
  "GET /api/v1/webhooks": "webhooks:list",
  "POST /api/v1/webhooks": "webhooks:create",
  "GET /api/v1/webhooks/:id": "webhooks:read",
  "PATCH /api/v1/webhooks/:id": "webhooks:update",
  "DELETE /api/v1/webhooks/:id": "webhooks:delete",
  "GET /api/v1/webhooks/:id/requests": "webhooks:read",
  // Outside /api/v1, but authenticated like it (404 when METRICS_PORT serves the metrics instead).
  "GET /api/metrics": "metrics:read",
} as const satisfies Record<string, `${string}:${Operation}` | null>;

export type RouteKey = keyof typeof ROUTE_PERMISSIONS;

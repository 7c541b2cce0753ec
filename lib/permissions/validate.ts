// Checks the scopes someone asks for: each must exist in the catalog, be held by the owner's
// roles today, and (when the request itself comes with a token) be within that token.
import { badRequest } from "@/lib/errors";
import { findEntity, type Catalog, type Operation } from "./catalog";
import { rolesAllow, scopesAllow, type Scope, type TokenGrant } from "./check";
import { scopeLabel, WILDCARD_ID } from "./format";

export type ScopeRequest = { entity: string; operation: Operation; entityId?: string };

export function normalizeScopes(
  catalog: Catalog,
  roles: readonly string[],
  callerToken: TokenGrant | null,
  requested: ScopeRequest[],
): Scope[] {
  const unknown: string[] = [];
  const notHeld: string[] = [];
  const out = new Map<string, Scope>();
  for (const r of requested) {
    const scope: Scope = { entity: r.entity, operation: r.operation, entityId: r.entityId?.trim() || WILDCARD_ID };
    const label = scopeLabel(scope);
    const entity = findEntity(catalog, r.entity);
    if (!entity || !entity.operations.includes(r.operation)) unknown.push(label);
    else if (!rolesAllow(catalog, roles, r) || (callerToken && !scopesAllow(callerToken, { ...r, entityId: scope.entityId }))) notHeld.push(label);
    else out.set(`${scope.entity}:${scope.operation}:${scope.entityId}`, scope);
  }
  if (unknown.length) throw badRequest(`Unknown permissions: ${unknown.join(", ")}`, { unknown });
  if (notHeld.length) {
    throw badRequest(`You can't grant permissions you don't have: ${notHeld.join(", ")}`, { notHeld });
  }
  return [...out.values()];
}

/** "All permissions" can only be given by someone not limited by a token's scopes. */
export function assertMayGrantAll(callerToken: TokenGrant | null) {
  if (callerToken && !callerToken.allPermissions) {
    throw badRequest("A token with selected permissions can't create a token with all permissions");
  }
}

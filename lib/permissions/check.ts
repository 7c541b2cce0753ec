// Who may do what. Pure functions over the catalog: a call is allowed when the owner's roles
// grant the permission today AND (for a token) the token's scopes include it.
import type { Catalog, Operation } from "./catalog";
import { WILDCARD_ID } from "./format";

export type Permission = { entity: string; operation: Operation; entityId?: string };
export type Scope = { entity: string; operation: string; entityId: string };
export type TokenGrant = { allPermissions: boolean; scopes: Scope[] };

function grantMatches(grant: string, p: Permission) {
  const [entity, operation] = grant.split(":");
  return (entity === "*" || entity === p.entity) && (operation === "*" || operation === p.operation);
}

/** Does the role set grant this (entity type, operation)? Roles are not bound to ids. */
export function rolesAllow(catalog: Catalog, roles: readonly string[], p: Permission): boolean {
  return roles.some((role) => (catalog.roles[role] ?? []).some((grant) => grantMatches(grant, p)));
}

export function scopesAllow(grant: TokenGrant, p: Permission): boolean {
  if (grant.allPermissions) return true;
  return grant.scopes.some(
    (s) =>
      s.entity === p.entity &&
      s.operation === p.operation &&
      (s.entityId === WILDCARD_ID || (p.entityId !== undefined && s.entityId === p.entityId)),
  );
}

/** The effective permission of a call: the owner's roles, narrowed by the token if there is one. */
export function isAllowed(catalog: Catalog, roles: readonly string[], token: TokenGrant | null, p: Permission): boolean {
  return rolesAllow(catalog, roles, p) && (token === null || scopesAllow(token, p));
}

/** Every (entity, operation) of the catalog that these roles may put in a token. */
export function grantable(catalog: Catalog, roles: readonly string[]) {
  return catalog.entities.map((e) => ({
    entity: e.name,
    operations: e.operations.filter((operation) => rolesAllow(catalog, roles, { entity: e.name, operation })),
  }));
}

/** What a token may do today, spelled out: its scopes (or all its owner's grants), within the owner's roles. */
export function effectivePermissions(catalog: Catalog, roles: readonly string[], grant: TokenGrant): Permission[] {
  if (grant.allPermissions) {
    return grantable(catalog, roles).flatMap((g) => g.operations.map((operation) => ({ entity: g.entity, operation })));
  }
  return grant.scopes
    .map((s) => ({ entity: s.entity, operation: s.operation as Operation, entityId: s.entityId === WILDCARD_ID ? undefined : s.entityId }))
    .filter((p) => rolesAllow(catalog, roles, p));
}

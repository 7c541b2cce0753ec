// Who may do what. Pure functions over the catalog: a call is allowed when the owner's roles
// grant the permission today AND (for a token) the token's scopes include it.
import type { Catalog, Operation } from "./catalog";
import { WILDCARD_ID } from "./format";

export type Permission = { entity: string; operation: Operation; entityId?: string };
export type Scope = { entity: string; operation: string; entityId: string };
export type TokenGrant = { allPermissions: boolean; scopes: Scope[] };

/** A role's grant ("tokens:read", "*:*") read as its two parts. */
type Grant = { entity: string; operation: string };
const NO_GRANTS: readonly Grant[] = [];
const parsedGrants = new WeakMap<Catalog, Map<string, readonly Grant[]>>();

/** The grants of a role of the catalog, split once per catalog and role: every authenticated
 * request asks, introspection for each operation of the catalog. A role the catalog does not
 * have grants nothing. */
function grantsOf(catalog: Catalog, role: string): readonly Grant[] {
  if (!Object.hasOwn(catalog.roles, role)) return NO_GRANTS;
  let roles = parsedGrants.get(catalog);
  if (!roles) parsedGrants.set(catalog, (roles = new Map()));
  let grants = roles.get(role);
  if (!grants) {
    grants = catalog.roles[role].map((grant) => {
      const [entity, operation] = grant.split(":");
      return { entity, operation };
    });
    roles.set(role, grants);
  }
  return grants;
}

const grantMatches = ({ entity, operation }: Grant, p: Permission) => (entity === "*" || entity === p.entity) && (operation === "*" || operation === p.operation);

/** Does the role set grant this (entity type, operation)? Roles are not bound to ids. */
export function rolesAllow(catalog: Catalog, roles: readonly string[], p: Permission): boolean {
  return roles.some((role) => grantsOf(catalog, role).some((grant) => grantMatches(grant, p)));
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

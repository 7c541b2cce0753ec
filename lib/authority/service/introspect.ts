// RFC 7662 introspection, for services allowed to ask. It never says why a token is not active.
// (Revocation by secret, RFC 7009, is revokeBySecret in lib/tokens/service/revoke-token.ts for PATs and
// revokeAccessToken in ./denylist.ts for JWTs.)
import { db } from "@/lib/db";
import { getCatalog, type Catalog, type Operation } from "@/lib/permissions/catalog";
import { effectivePermissions, rolesAllow } from "@/lib/permissions/check";
import { parseScopeLabel, scopeLabel } from "@/lib/permissions/format";
import { parseRoles } from "@/lib/permissions/roles";
import { EMAIL_SCOPE } from "../metadata";
import type { CachedPrincipal } from "@/lib/tokens/cache";
import { authenticate } from "@/lib/tokens/service/authenticate";
import { isDenied } from "./denylist";
import { verifyAccessToken } from "./exchange";
import { looksLikeJwt } from "./revoke";

export type Introspection = { active: false } | ({ active: true } & Record<string, unknown>);

const INACTIVE: Introspection = { active: false };

/** The JWT's PAT (its client_id) is still usable by the JWT's subject: not revoked, expired,
 * deleted, owned by a disabled user, or by an SSO user the directory no longer provisions when
 * the policy needs it to. Read from the database, not the cache. The owner's roles today, or
 * null when not usable. */
async function patOwnerRoles(tokenId: unknown, userId: unknown, now: Date): Promise<string[] | null> {
  if (typeof tokenId !== "string" || typeof userId !== "string") return null;
  const row = await db.token.findFirst({
    where: { id: tokenId, userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { user: { select: { disabled: true, kind: true, scimUserKey: true, roles: true } } },
  });
  if (row === null || row.user.disabled) return null;
  const roles = parseRoles(row.user.roles);
  // The SSO policy "only while the directory provisions them" (as lib/tokens/verify.ts applies it).
  if (row.user.kind !== "sso" || row.user.scimUserKey !== null) return roles;
  const settings = await db.settings.findUnique({ where: { id: 1 }, select: { allowSsoPatCreation: true, ssoPatsNeedDirectory: true } });
  return settings?.allowSsoPatCreation && settings.ssoPatsNeedDirectory ? null : roles;
}

/** A federated JWT's policy (its federation_policy claim) still exists, is enabled and names the
 * JWT's subject, who is not disabled. The principal's roles today, or null when not. */
async function policyPrincipalRoles(policyId: string, userId: unknown): Promise<string[] | null> {
  if (typeof userId !== "string") return null;
  const policy = await db.federationPolicy.findFirst({ where: { id: policyId, principalId: userId, enabled: true }, select: { id: true } });
  if (!policy) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { disabled: true, roles: true } });
  return user === null || user.disabled ? null : parseRoles(user.roles);
}

/** The JWT's scope as it stands today: the permissions its subject's roles no longer grant are
 * left out (the same rule that caps a PAT, rolesAllow), so a JWT never exceeds its owner's current
 * roles, like the PAT it came from. "email" is a claim, not a permission, and stays. */
function scopeToday(scope: unknown, roles: readonly string[]): string {
  if (typeof scope !== "string") return "";
  const catalog = getCatalog();
  return scope
    .split(/\s+/)
    .filter((word) => {
      if (word === "") return false;
      if (word === EMAIL_SCOPE) return true;
      const { entity, operation, entityId } = parseScopeLabel(word);
      return rolesAllow(catalog, roles, { entity, operation: operation as Operation, entityId });
    })
    .join(" ");
}

async function introspectJwt(jwt: string, issuer: string, now: Date): Promise<Introspection> {
  const payload = await verifyAccessToken(jwt, issuer);
  if (!payload?.jti || (await isDenied(payload.jti))) return INACTIVE;
  const federated = typeof payload.federation_policy === "string";
  const roles = await (federated ? policyPrincipalRoles(payload.federation_policy as string, payload.sub) : patOwnerRoles(payload.client_id, payload.sub, now));
  if (roles === null) return INACTIVE;
  // A JWT whose owner lost every permission in it stays active, with an empty scope (as a PAT in
  // that state does, below): RFC 7662 "active" says the token is valid and its subject still
  // stands, and scope says what it may do; the resource server decides a call by the scope.
  // Calling it inactive would tell a service that the owner or the token is gone, which is not
  // so, and would flip back to active once a role returns.
  return { active: true, token_type: "access_token", ...payload, scope: scopeToday(payload.scope, roles) };
}

const scopes = new WeakMap<CachedPrincipal, { catalog: Catalog; scope: string }>();

/** What a PAT may do today, as the scope claim spells it: its scopes (or all its owner's grants)
 * within the owner's roles. Spelled out once per cached principal: the token cache holds one
 * object per secret for its TTL, never changed (a change of the token, its owner or the policy
 * makes a new one), and the catalog is the server's. */
function scopeOf(principal: CachedPrincipal): string {
  const catalog = getCatalog();
  const known = scopes.get(principal);
  if (known?.catalog === catalog) return known.scope;
  const scope = effectivePermissions(catalog, principal.user.roles, principal).map(scopeLabel).join(" ");
  scopes.set(principal, { catalog, scope });
  return scope;
}

/** `ip`: the asking service's address (the introspection operation passes its caller's), recorded if the token
 * asked about turns out to be a replaced secret used again (the owner's notice says so). */
export async function introspect(token: string, issuer: string, now = new Date(), ip: string | null = null): Promise<Introspection> {
  if (looksLikeJwt(token)) return introspectJwt(token, issuer, now);
  const found = await authenticate(token, { ip, via: "introspection", now });
  if (!found) return INACTIVE;
  const { principal, expiresAt } = found;
  const scope = scopeOf(principal);
  return {
    active: true,
    token_type: "personal_access_token",
    iss: issuer,
    sub: principal.user.id,
    username: principal.user.email,
    token_id: principal.tokenId,
    client_id: principal.tokenId,
    scope,
    all_permissions: principal.allPermissions,
    // A replaced secret is active only until its grace period ends (as the exchange caps it).
    ...(expiresAt ? { exp: Math.floor(expiresAt.getTime() / 1000) } : {}),
  };
}

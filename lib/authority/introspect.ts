// RFC 7662 introspection, for services allowed to ask. It never says why a token is not active.
// (Revocation by secret, RFC 7009, is revokeBySecret in lib/tokens/actions.ts.)
import { getCatalog } from "@/lib/permissions/catalog";
import { effectivePermissions } from "@/lib/permissions/check";
import { scopeLabel } from "@/lib/permissions/format";
import { checkToken } from "@/lib/tokens/verify";
import { verifyAccessToken } from "./exchange";

export type Introspection = { active: false } | ({ active: true } & Record<string, unknown>);

export async function introspect(token: string, issuer: string): Promise<Introspection> {
  if (token.split(".").length === 3) {
    const payload = await verifyAccessToken(token, issuer);
    return payload ? { active: true, token_type: "access_token", ...payload } : { active: false };
  }
  const { principal } = await checkToken(token);
  if (!principal) return { active: false };
  const grant = { allPermissions: principal.allPermissions, scopes: principal.scopes };
  const scope = effectivePermissions(getCatalog(), principal.user.roles, grant).map(scopeLabel).join(" ");
  return {
    active: true,
    token_type: "personal_access_token",
    iss: issuer,
    sub: principal.user.id,
    username: principal.user.email,
    token_id: principal.tokenId,
    scope,
    all_permissions: principal.allPermissions,
    ...(principal.expiresAt ? { exp: Math.floor(principal.expiresAt.getTime() / 1000) } : {}),
  };
}

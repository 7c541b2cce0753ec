// RFC 7662 introspection (for services allowed to ask) and RFC 7009-style revocation by
// secret (for anyone holding a leaked token). Neither says why a token is not active.
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { getCatalog } from "@/lib/permissions/catalog";
import { effectivePermissions } from "@/lib/permissions/check";
import { scopeLabel } from "@/lib/permissions/format";
import { tokenCache } from "@/lib/tokens/cache";
import { hashSecret, isWellFormedSecret } from "@/lib/tokens/format";
import { verifySecret } from "@/lib/tokens/verify";
import { verifyAccessToken } from "./exchange";

export type Introspection = { active: false } | ({ active: true } & Record<string, unknown>);

export async function introspect(token: string, issuer: string): Promise<Introspection> {
  if (token.split(".").length === 3) {
    const payload = await verifyAccessToken(token, issuer);
    return payload ? { active: true, token_type: "access_token", ...payload } : { active: false };
  }
  const principal = await verifySecret(token).catch(() => null);
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

/** Revokes the token with this secret if there is one; the answer is the same either way. */
export async function revokeBySecret(secret: string, meta: { ip: string | null; userAgent: string | null }): Promise<void> {
  if (!isWellFormedSecret(secret)) return;
  const token = await db.token.findUnique({ where: { secretHash: hashSecret(secret) } });
  if (!token || token.revokedAt) return;
  await db.$transaction(async (tx) => {
    await tx.token.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorId: null, actorEmail: null, ...meta }, {
      action: "token.revoke",
      targetType: "token",
      targetId: token.id,
      targetName: token.name,
      ownerId: token.userId,
      details: { via: "revocation endpoint" },
    });
  });
  tokenCache.invalidateToken(token.id);
}

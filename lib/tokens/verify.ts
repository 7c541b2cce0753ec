// The hot path of every token-authenticated call: shape and checksum (no database), one
// SHA-256, the cache or one indexed lookup, then the status checks.
import { db } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import { parseRoles } from "@/lib/users/roles";
import { tokenCache, type CachedPrincipal } from "./cache";
import { hashSecret, isWellFormedSecret } from "./format";

export type InvalidTokenReason = "malformed" | "unknown" | "expired" | "revoked" | "owner_disabled";

const messages: Record<InvalidTokenReason, string> = {
  malformed: "The token is malformed or its checksum is wrong",
  unknown: "The token is not valid",
  expired: "The token has expired",
  revoked: "The token has been revoked",
  owner_disabled: "The token's owner is disabled",
};

export function invalidToken(reason: InvalidTokenReason, message = messages[reason]): ApiError {
  return new ApiError(401, "invalid_token", message, { reason }, {
    "WWW-Authenticate": `Bearer error="invalid_token", error_description="${messages[reason]}"`,
  });
}

async function lookup(hash: string): Promise<CachedPrincipal | null> {
  const row = await db.token.findUnique({
    where: { secretHash: hash },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      revokedAt: true,
      allPermissions: true,
      scopes: { select: { entity: true, operation: true, entityId: true } },
      user: { select: { id: true, email: true, name: true, kind: true, roles: true, disabled: true } },
    },
  });
  if (!row) return null;
  return {
    tokenId: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    revoked: row.revokedAt !== null,
    allPermissions: row.allPermissions,
    scopes: row.scopes,
    user: { ...row.user, roles: parseRoles(row.user.roles) },
  };
}

/** Returns the token's principal, or throws a 401 naming the reason class. */
export async function verifySecret(secret: string, now = new Date()): Promise<CachedPrincipal> {
  if (!isWellFormedSecret(secret)) throw invalidToken("malformed");
  const hash = hashSecret(secret);
  let principal = tokenCache.get(hash, now.getTime());
  if (!principal) {
    const found = await lookup(hash);
    if (!found) throw invalidToken("unknown");
    principal = found;
    tokenCache.set(hash, principal, now.getTime());
  }
  if (principal.revoked) throw invalidToken("revoked");
  if (principal.expiresAt && principal.expiresAt.getTime() <= now.getTime()) throw invalidToken("expired");
  if (principal.user.disabled) throw invalidToken("owner_disabled");
  return principal;
}

// The hot path of every token-authenticated call: shape and checksum (no database), one
// SHA-256, the cache or one indexed lookup, then the status checks. It answers with a result,
// never an exception: withAuth turns a refusal into a 401, the authority and webhooks into theirs.
import { db } from "@/lib/db";
import { parseRoles } from "@/lib/users/roles";
import { tokenCache, type CachedPrincipal } from "./cache";
import { hashSecret, isWellFormedSecret } from "./format";

export type InvalidTokenReason = "malformed" | "unknown" | "expired" | "revoked" | "owner_disabled";

export const INVALID_TOKEN_MESSAGES: Record<InvalidTokenReason, string> = {
  malformed: "The token is malformed or its checksum is wrong",
  unknown: "The token is not valid",
  expired: "The token has expired",
  revoked: "The token has been revoked",
  owner_disabled: "The token's owner is disabled",
};

export type TokenCheck = { status: "valid"; principal: CachedPrincipal } | { status: InvalidTokenReason; principal: null };

const refused = (status: InvalidTokenReason): TokenCheck => ({ status, principal: null });

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

/** The token's principal when it may be used now, else the reason class it is refused for. */
export async function checkToken(secret: string, now = new Date()): Promise<TokenCheck> {
  if (!isWellFormedSecret(secret)) return refused("malformed");
  const hash = hashSecret(secret);
  let principal = tokenCache.get(hash, now.getTime());
  if (!principal) {
    const generation = tokenCache.generation;
    const found = await lookup(hash);
    if (!found) return refused("unknown");
    principal = found;
    tokenCache.set(hash, principal, now.getTime(), generation);
  }
  if (principal.revoked) return refused("revoked");
  if (principal.expiresAt && principal.expiresAt.getTime() <= now.getTime()) return refused("expired");
  if (principal.user.disabled) return refused("owner_disabled");
  return { status: "valid", principal };
}

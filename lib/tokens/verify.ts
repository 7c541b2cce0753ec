// The hot path of every token-authenticated call: shape and checksum (no database), one
// SHA-256, the cache or one indexed lookup (principal.ts, on the driver), then the status
// checks. It answers with a result, never an exception: withAuth turns a refusal into a 401,
// the authority and webhooks into theirs.
import { tokenCache, type CachedPrincipal, type TokenCache } from "./cache";
import { hashSecret, isWellFormedSecret } from "./format";
import { principalReader, type PrincipalReader } from "./principal";

export type InvalidTokenReason = "malformed" | "unknown" | "expired" | "revoked" | "owner_disabled";

export const INVALID_TOKEN_MESSAGES: Record<InvalidTokenReason, string> = {
  malformed: "The token is malformed or its checksum is wrong",
  unknown: "The token is not valid",
  expired: "The token has expired",
  revoked: "The token has been revoked",
  owner_disabled: "The token's owner is disabled",
};

/** A refused token that exists carries its id (usage counts refusals of known tokens). */
export type TokenCheck = { status: "valid"; principal: CachedPrincipal } | { status: InvalidTokenReason; principal: null; tokenId?: string };

const refused = (status: InvalidTokenReason, tokenId?: string): TokenCheck => ({ status, principal: null, tokenId });

let reader: PrincipalReader | undefined;
const lookup = (hash: string) => (reader ??= principalReader())(hash);

/** The token's principal when it may be used now, else the reason class it is refused for. */
export async function checkToken(secret: string, now = new Date(), cache: TokenCache = tokenCache): Promise<TokenCheck> {
  if (!isWellFormedSecret(secret)) return refused("malformed");
  const hash = hashSecret(secret);
  let principal = cache.get(hash, now.getTime());
  if (!principal) {
    const since = cache.generation;
    const found = await lookup(hash);
    if (!found) return refused("unknown");
    principal = found;
    cache.set(hash, principal, now.getTime(), since);
  }
  if (principal.revoked) return refused("revoked", principal.tokenId);
  if (principal.expiresAt && principal.expiresAt.getTime() <= now.getTime()) return refused("expired", principal.tokenId);
  if (principal.user.disabled) return refused("owner_disabled", principal.tokenId);
  return { status: "valid", principal };
}

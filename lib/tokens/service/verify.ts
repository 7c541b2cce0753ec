// The hot path of every token-authenticated call: shape and checksum (no database), one
// SHA-256, the cache or one indexed lookup (../sql readPrincipal, on the driver), then the
// status checks. It answers with a result, never an exception: withAuth turns a refusal into a
// 401, the authority and webhooks into theirs. A replaced secret (rotation, regenerate) passes
// until its graceUntil; used after it, it revokes its token and is refused as revoked: the
// revoke (revoke-for-reuse.ts, with its database writes and mail) is loaded only then, so
// verifying a token imports none of it. Keep this file's imports to what checking needs.
import { countVerification, observeVerification } from "@/lib/observability/metrics";
import { currentRequest } from "@/lib/observability/request-context";
import { tokenCache, type CachedPrincipal, type TokenCache } from "../cache";
import { hashSecret, isWellFormedSecret } from "../format";
import { inGrace, type CheckPath, type Reuse } from "../grace";
import { pendingExpired } from "@/lib/policy/approval";
import { tokenSql } from "../sql";

export type InvalidTokenReason = "malformed" | "unknown" | "expired" | "revoked" | "owner_disabled" | "owner_not_provisioned" | "pending_approval" | "approval_denied";

export const INVALID_TOKEN_MESSAGES: Record<InvalidTokenReason, string> = {
  malformed: "The token is malformed or its checksum is wrong",
  unknown: "The token is not valid",
  expired: "The token has expired",
  revoked: "The token has been revoked",
  owner_disabled: "The token's owner is disabled",
  owner_not_provisioned: "The token's owner is an SSO user the directory no longer provisions",
  pending_approval: "The token is waiting for an approver's approval",
  approval_denied: "The token's approval was denied",
};

/** `hash`: the SHA-256 of the secret checked (rotation's "only the current secret" rule). A
 * refused token that exists carries its id (usage counts refusals of known tokens). */
export type TokenCheck =
  | { status: "valid"; principal: CachedPrincipal; hash: string }
  | { status: InvalidTokenReason; principal: null; tokenId?: string };

/** Where the call came from and on which path, recorded when a replaced secret is used again.
 * `detectReuse: false`: a replaced secret past its grace is refused without revoking the token
 * (a webhook's sender holds a secret the owner replaced: that is no leak). */
export type CheckContext = { ip: string | null; via?: CheckPath; detectReuse?: boolean };

const refused = (status: InvalidTokenReason, tokenId?: string): TokenCheck => ({ status, principal: null, tokenId });

/** Revokes the token whose replaced secret was used again; true when this call revoked it. */
async function reportReuse(reuse: Reuse): Promise<boolean> {
  const { revokeForReuse } = await import("./revoke-for-reuse");
  return revokeForReuse(reuse);
}

/** The token's principal when it may be used now, else the reason class it is refused for.
 * Counted (outcome) and timed for the metrics (lib/observability/metrics). */
export async function checkToken(secret: string, now = new Date(), cache: TokenCache = tokenCache, from: CheckContext = { ip: null }): Promise<TokenCheck> {
  const started = performance.now();
  const check = await verify(secret, now, cache, from);
  observeVerification((performance.now() - started) / 1000);
  countVerification(check.status === "valid" ? "ok" : check.status === "owner_disabled" || check.status === "owner_not_provisioned" ? "disabled" : check.status === "pending_approval" || check.status === "approval_denied" ? "unapproved" : check.status);
  // The request's log line names the token that authenticated it, unless withAuth already named
  // the caller (an introspected token is not the caller).
  const context = currentRequest();
  if (check.principal && context && !context.actorId) Object.assign(context, { tokenId: check.principal.tokenId, actorId: check.principal.userId });
  return check;
}

async function verify(secret: string, now: Date, cache: TokenCache, from: CheckContext): Promise<TokenCheck> {
  if (!isWellFormedSecret(secret)) return refused("malformed");
  const hash = hashSecret(secret);
  let principal = cache.get(hash, now.getTime());
  if (!principal) {
    const since = cache.generation;
    const found = await tokenSql().readPrincipal(hash);
    if (!found) return refused("unknown");
    principal = found;
    cache.set(hash, principal, now.getTime(), since);
  }
  if (principal.revoked) return refused("revoked", principal.tokenId);
  if (principal.graceUntil && !inGrace(principal.graceUntil, now)) {
    if (from.detectReuse !== false) await reportReuse({ tokenId: principal.tokenId, secretHash: hash, ip: from.ip, via: from.via ?? "api", now });
    return refused("revoked", principal.tokenId);
  }
  if (principal.expiresAt && principal.expiresAt.getTime() <= now.getTime()) return refused("expired", principal.tokenId);
  // The approval policy: a pending token is refused (as expired once it waited too long), a
  // denied one for good; every path (API, introspection, the exchange, webhooks) gets this.
  if (principal.approval) {
    if (principal.approval.status === "denied") return refused("approval_denied", principal.tokenId);
    return refused(pendingExpired(principal.approval.since, now) ? "expired" : "pending_approval", principal.tokenId);
  }
  if (principal.user.disabled) return refused("owner_disabled", principal.tokenId);
  // The SSO policy "while the directory provisions them" (lib/policy/service.ts canCreateTokens).
  if (principal.user.needsDirectory && !principal.user.provisioned) return refused("owner_not_provisioned", principal.tokenId);
  return { status: "valid", principal, hash };
}

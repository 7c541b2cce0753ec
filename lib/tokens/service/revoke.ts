// The one revoke step (owner, admin, the secret's holder, the system): stamp, audit, queue the
// owner's notice, drop from the cache (on every instance), send the notice in the background
// (the job retries it). Revoking twice is not an error: the first revoke stands, except that an
// admin's revoke of a token already revoked is recorded and then stands (see `over`).
import { recordAudit, type AuditEntry, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { RevokeNotice } from "@/lib/notices/service/owner-notices";
import { sendSoon } from "@/lib/notices/service/queue";
import { tokenCache } from "../cache";
import { tokenEvent } from "./caller";

export type RevokeTarget = { id: string; name: string; userId: string };
export type { RevokeNotice };

export type RevokeOptions = {
  token: RevokeTarget;
  meta: AuditMeta;
  /** The person who revoked (owner or admin); null when none (RFC 7009, the system). */
  revokedById?: string | null;
  /** Kept on the token and in the audit event (the system's reasons). */
  reason?: string | null;
  /** Details of the token.revoke audit event. */
  details?: Record<string, unknown>;
  /** Particulars kept on the token (revokedDetails, never a secret). */
  revokedDetails?: Record<string, unknown>;
  /** Another event recorded with the revoke. */
  event?: AuditEntry;
  /** Revoke only while this replaced secret (its hash) is still recorded for the token. */
  whileReplaced?: string;
  notice?: RevokeNotice;
  /** An admin's revoke of a token someone else (its owner, the holder of its secret) revoked
   * already: it takes over the revoke (revokedById becomes the admin's), so that it stands. */
  over?: boolean;
  now?: Date;
};

/** True when this call revoked the token (or took its revoke over). */
export async function revoke(options: RevokeOptions): Promise<boolean> {
  const { token, meta, revokedById = null, reason = null, details, revokedDetails, event, whileReplaced, notice, over = false, now = new Date() } = options;
  let noticeId: string | null = null;
  const revoked = await db.$transaction(async (tx) => {
    // Taken over only from a revoke no other person made (the owner's own, RFC 7009, the system's).
    const state = over ? { revokedAt: { not: null }, OR: [{ revokedById: null }, { revokedById: token.userId }] } : { revokedAt: null };
    const stamp = over ? { revokedById } : { revokedAt: now, revokedById, revokedReason: reason, revokedDetails: revokedDetails ? JSON.stringify(revokedDetails) : null };
    const { count } = await tx.token.updateMany({
      where: { id: token.id, userId: token.userId, ...state, ...(whileReplaced ? { replacedSecrets: { some: { secretHash: whileReplaced } } } : {}) },
      data: stamp,
    });
    if (count && event) await recordAudit(tx, meta, event);
    if (count) await recordAudit(tx, meta, tokenEvent("token.revoke", token, over ? { ...details, alreadyRevoked: true } : details));
    if (count && notice) noticeId = await notice(tx);
    return count > 0;
  });
  // Every worker and instance was told before the revoke answers (lib/tokens/cache.ts).
  if (revoked) await tokenCache.invalidateToken(token.id);
  if (noticeId) sendSoon(noticeId, now);
  return revoked;
}

// Pending tokens nobody approved within PENDING_APPROVAL_DAYS are marked expired unapproved: off
// the queue, refused for good (verification already refused them by the clock), audited, and
// the requester mailed (queued here; the job's delivery step sends it). Each token is one
// conditional update on the state as read, so a decision or a second instance racing the job
// either wins or finds nothing left to do.
import { recordAudit, systemMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { queueApprovalExpired } from "@/lib/notices/service/approval-notices";
import { PENDING_APPROVAL_DAYS } from "@/lib/policy/constants";
import { DAY_MS } from "@/lib/policy/unused";
import { tokenCache } from "@/lib/tokens/cache";
import { tokenEvent } from "@/lib/tokens/service/caller";

/** At most this many per run; the next run takes the rest. */
export const EXPIRE_BATCH = 500;

export async function expireUnapproved(now = new Date(), limit = EXPIRE_BATCH): Promise<number> {
  const due = await db.token.findMany({
    where: { approvalStatus: "pending", revokedAt: null, approvalRequestedAt: { lte: new Date(now.getTime() - PENDING_APPROVAL_DAYS * DAY_MS) } },
    select: { id: true, name: true, prefix: true, userId: true, approvalRequestedAt: true, user: { select: { name: true, kind: true } } },
    orderBy: [{ approvalRequestedAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  let expired = 0;
  for (const token of due) {
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.token.updateMany({
        where: { id: token.id, approvalStatus: "pending", revokedAt: null, approvalRequestedAt: token.approvalRequestedAt },
        data: { approvalStatus: "expired" },
      });
      if (count === 0) return false;
      const waitedSince = token.approvalRequestedAt!.toISOString();
      await recordAudit(tx, systemMeta(), tokenEvent("token.approval_expire", token, { waitedSince, days: PENDING_APPROVAL_DAYS }));
      await queueApprovalExpired(tx, token, now);
      return true;
    });
    if (!done) continue;
    expired++;
    await tokenCache.invalidateToken(token.id);
  }
  return expired;
}

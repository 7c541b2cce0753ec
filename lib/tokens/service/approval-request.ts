// Asking the approvers: the token operations that leave a token pending (create, regenerate or
// rotate past the policy, a scope added past it) queue the approvers' mail in their own
// transaction with this, and send it once committed with sendSoon (lib/notices/service/queue.ts).
import type { Approvers } from "@/lib/policy/constants";
import { pendingSince, pendingUntil } from "@/lib/policy/approval";
import { queueApprovalRequest, type ApprovalToken } from "@/lib/notices/service/approval-notices";
import type { NoticeTx } from "@/lib/notices/service/queue";
import { metaOf, type Caller } from "./caller";

/** The token's approval fields when it goes pending (created, or asked again): any earlier
 * decision cleared, who asked, when and why. */
export function pendingFields(caller: Caller, because: string[], now: Date) {
  return {
    approvalStatus: "pending",
    approvalReason: null,
    approvalDecidedById: null,
    approvalDecidedAt: null,
    approvalRequestedAt: now,
    approvalRequestedById: metaOf(caller).actorId,
    approvalBecause: JSON.stringify(because),
  } as const;
}

/** `approvers`: the policy's, read before the transaction. The notice's id, or null (no mail). */
export function requestApproval(tx: NoticeTx, caller: Caller, token: ApprovalToken & { secretIssuedAt: Date; approvalRequestedAt: Date | null }, approvers: Approvers, because: string[], now: Date): Promise<string | null> {
  const meta = metaOf(caller);
  return queueApprovalRequest(tx, token, { approvers, because, requestedBy: { id: meta.actorId, email: meta.actorEmail }, until: pendingUntil(pendingSince(token)) }, now);
}

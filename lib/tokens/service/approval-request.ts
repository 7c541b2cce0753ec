// Asking the approvers: the token operations that leave a token pending (create, regenerate or
// rotate past the policy, a scope added past it) queue the approvers' mail in their own
// transaction with this, and send it once committed with sendSoon (lib/notices/service/queue.ts).
import type { Approvers } from "@/lib/policy/constants";
import { pendingSince, pendingUntil } from "@/lib/policy/approval";
import { queueApprovalRequest, type ApprovalToken } from "@/lib/notices/service/approval-notices";
import type { NoticeTx } from "@/lib/notices/service/queue";
import { metaOf, type Caller } from "./caller";

/** `approvers`: the policy's, read before the transaction. The notice's id, or null (no mail). */
export function requestApproval(tx: NoticeTx, caller: Caller, token: ApprovalToken & { secretIssuedAt: Date; approvalRequestedAt: Date | null }, approvers: Approvers, because: string[], now: Date): Promise<string | null> {
  const meta = metaOf(caller);
  return queueApprovalRequest(tx, token, { approvers, because, requestedBy: { id: meta.actorId, email: meta.actorEmail }, until: pendingUntil(pendingSince(token)) }, now);
}

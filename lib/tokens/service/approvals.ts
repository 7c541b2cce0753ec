// The approval queue and decisions: tokens the approval policy held back (create-token.ts,
// replace-secret.ts) wait here until an approver approves or denies them. Who approves is the
// policy's choice (admins, or the approver role too: lib/policy/approval.ts mayApprove); nobody
// decides on their own token. A decision is one conditional update (of two at once, one wins),
// audited in the same transaction, and empties every instance's cache entry of the token, so
// an approved token works and a denied one stays refused at once. The requester is mailed the
// decision (lib/notices/service/approval-notices.ts).
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { queueApprovalDecision } from "@/lib/notices/service/approval-notices";
import { sendSoon } from "@/lib/notices/service/queue";
import { mayApprove, pendingExpired, pendingSince, pendingUntil } from "@/lib/policy/approval";
import { PENDING_APPROVAL_DAYS } from "@/lib/policy/constants";
import { getSettings } from "@/lib/policy/service";
import type { DecideApprovalInput } from "@/lib/schemas/approval";
import type { TokenResponse } from "@/lib/schemas/token";
import { tokenCache } from "../cache";
import { toTokenResponse, withScopes } from "../response";
import { respond, revokersOf } from "./respond";
import { metaOf, tokenEvent, type Caller } from "./caller";

/** The queue answers at most this many tokens (the oldest first): a bounded read. */
export const QUEUE_LIMIT = 200;
const DAY_MS = 86_400_000;

async function assertApprover(caller: Caller): Promise<void> {
  if (!mayApprove(caller.user.roles, (await getSettings()).approvers)) throw forbidden("Only approvers can see and decide on tokens waiting for approval");
}

/** Pending tokens still within their wait, not revoked, oldest first. */
export async function listApprovals(caller: Caller, now = new Date()): Promise<TokenResponse[]> {
  await assertApprover(caller);
  const rows = await db.token.findMany({
    where: { approvalStatus: "pending", revokedAt: null, approvalRequestedAt: { gt: new Date(now.getTime() - PENDING_APPROVAL_DAYS * DAY_MS) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: QUEUE_LIMIT,
    include: withScopes,
  });
  const people = await revokersOf(rows);
  return rows.map((row) => toTokenResponse(row, now, people));
}

export async function decideApproval(caller: Caller, id: string, input: DecideApprovalInput, now = new Date()): Promise<TokenResponse> {
  await assertApprover(caller);
  const token = await db.token.findUnique({ where: { id }, include: withScopes });
  if (!token || token.approvalStatus === null) throw notFound("Token waiting for approval");
  // Nor on a token one asked for: a service account's manager who is an approver too.
  if (token.userId === caller.user.id || token.approvalRequestedById === caller.user.id) throw forbidden("You can't decide on a token you asked for: another approver has to");
  const until = pendingUntil(pendingSince(token)).toISOString();
  if (token.approvalStatus === "expired") throw conflict(`The token expired unapproved on ${until}`);
  if (token.approvalStatus !== "pending") throw conflict(`The token was already ${token.approvalStatus}`);
  if (token.revokedAt) throw conflict("The token has been revoked");
  if (pendingExpired(pendingSince(token), now)) throw conflict(`The token expired unapproved on ${until}`);
  const status = input.decision === "approve" ? "approved" : "denied";
  const reason = input.reason || null;
  const noticeId = await db.$transaction(async (tx) => {
    // Only the row as read: another decision, a revoke or a regenerate in between wins.
    const { count } = await tx.token.updateMany({
      where: { id, approvalStatus: "pending", secretHash: token.secretHash, revokedAt: null },
      data: { approvalStatus: status, approvalReason: reason, approvalDecidedById: caller.user.id, approvalDecidedAt: now },
    });
    if (count === 0) throw conflict("The token changed while this request ran. Reload the queue and try again.");
    const meta = metaOf(caller);
    await recordAudit(tx, meta, tokenEvent(status === "approved" ? "token.approve" : "token.deny", token, { reason }));
    return queueApprovalDecision(tx, token, { status, reason, by: meta.actorEmail }, now);
  });
  await tokenCache.invalidateToken(id);
  if (noticeId) sendSoon(noticeId, now);
  return respond(await db.token.findUniqueOrThrow({ where: { id }, include: withScopes }), now);
}

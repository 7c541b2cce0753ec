// The approval policy's mail: a token held back (created, regenerated or widened into pending)
// mails the approvers; a decision, or the end of the wait, mails the requester (the token's
// owner, or a service account's managers). Each notice is queued inside the transaction that
// changed the token (so the change and its mail are written together or not at all), then sent
// in the background (sendSoon): the API call never waits for the mail server, and the lifecycle
// job retries a failed send. Nothing is queued without mail settings. Never a secret.
import { mailConfigured } from "@/lib/mail/send";
import { parseRoles } from "@/lib/permissions/roles";
import { mayApprove } from "@/lib/policy/approval";
import { PENDING_APPROVAL_DAYS, type Approvers } from "@/lib/policy/constants";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { queueNotice, type NoticeTx } from "./queue";
import { recipientOf, recipientSelect } from "../recipient";
import type { NoticeData, NoticeKind } from "../mail-text";

/** One approval request mails at most this many approvers (the first by email). */
export const MAX_APPROVER_RECIPIENTS = 20;
/** Candidates read to find them: people whose roles name admin or approver. */
const CANDIDATES = 200;

export type ApprovalToken = { id: string; name: string; prefix: string; userId: string; user: { name: string; kind: string } };

/** "service account: deploy-bot", or the person's name. */
export const ownerText = (owner: { name: string; kind: string }) => (owner.kind === SERVICE_ACCOUNT_KIND ? `service account: ${owner.name}` : owner.name);

/** Who may decide under the policy, active people only, never `exclude` (the requester and the
 * owner): one comma-separated list, or null when nobody is left. */
export async function approverRecipients(tx: NoticeTx, approvers: Approvers, exclude: readonly string[]): Promise<string | null> {
  const people = await tx.user.findMany({
    where: { disabled: false, kind: { not: SERVICE_ACCOUNT_KIND }, id: { notIn: [...exclude] }, OR: [{ roles: { contains: "admin" } }, { roles: { contains: "approver" } }] },
    select: { email: true, roles: true },
    orderBy: { email: "asc" },
    take: CANDIDATES,
  });
  const emails = people.filter((p) => p.email && mayApprove(parseRoles(p.roles), approvers)).map((p) => p.email).slice(0, MAX_APPROVER_RECIPIENTS);
  return emails.length ? emails.join(", ") : null;
}

export type ApprovalRequest = { approvers: Approvers; because: string[]; requestedBy: { id: string | null; email: string | null }; until: Date };

/** Queues the approvers' mail for a token that went pending; the notice's id, or null. */
export async function queueApprovalRequest(tx: NoticeTx, token: ApprovalToken, request: ApprovalRequest, now: Date): Promise<string | null> {
  if (!mailConfigured()) return null;
  const exclude = [token.userId, ...(request.requestedBy.id ? [request.requestedBy.id] : [])];
  const recipient = await approverRecipients(tx, request.approvers, exclude);
  if (!recipient) return null;
  const data: NoticeData = { tokenName: token.name, prefix: token.prefix, owner: ownerText(token.user), because: request.because, until: request.until.toISOString(), ...(request.requestedBy.email ? { by: request.requestedBy.email } : {}) };
  return queueNotice({ tokenId: token.id, kind: "approval_request", version: now.toISOString(), recipient, data }, tx, now);
}

async function queueForRequester(tx: NoticeTx, token: ApprovalToken, kind: NoticeKind, data: Partial<NoticeData>, now: Date): Promise<string | null> {
  if (!mailConfigured()) return null;
  const owner = await tx.user.findUnique({ where: { id: token.userId }, select: recipientSelect });
  const recipient = owner && recipientOf(owner);
  if (!recipient) return null;
  const full: NoticeData = { tokenName: token.name, prefix: token.prefix, ...(token.user.kind === SERVICE_ACCOUNT_KIND ? { owner: ownerText(token.user) } : {}), ...data };
  return queueNotice({ tokenId: token.id, kind, version: now.toISOString(), recipient, data: full }, tx, now);
}

/** An approver's decision, for the requester. */
export const queueApprovalDecision = (tx: NoticeTx, token: ApprovalToken, decision: { status: "approved" | "denied"; reason: string | null; by?: string | null }, now: Date) =>
  queueForRequester(tx, token, "approval_decision", { decision: decision.status, reason: decision.reason, ...(decision.by ? { by: decision.by } : {}) }, now);

/** The wait ended unapproved (the lifecycle job), for the requester. */
export const queueApprovalExpired = (tx: NoticeTx, token: ApprovalToken, now: Date) => queueForRequester(tx, token, "approval_expired", { days: PENDING_APPROVAL_DAYS }, now);

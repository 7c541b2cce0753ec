// Notices triggered by a revoke rather than by the clock (an admin's revoke, a leak report, a
// replaced secret used again): each is a hook the revoke runs inside its own transaction
// (lib/tokens/service/revoke-token.ts), so the revoke and its notice are written together or not
// at all; the revoke then sends it in the background, and the job retries a failed send.
// This folder knows nothing of tokens beyond these fields: lib/tokens and lib/lifecycle both use it.
import { mailConfigured } from "@/lib/mail/send";
import { queueNotice, type NoticeTx } from "./queue";
import { recipientOf, recipientSelect } from "../recipient";
import type { NoticeData, NoticeKind } from "../mail-text";

/** Queues the owner's notice of a revoke inside the revoke's transaction (so a crash between the
 * two can't lose the mail); returns the notice's id when it queued one. */
export type RevokeNotice = (tx: NoticeTx) => Promise<string | null>;

type Revoked = { id: string; name: string; prefix: string; userId: string };

/** Queued for the token's owner, now. `always`: also without mail settings, as a "skipped" record. */
function ownerNotice(token: Revoked, kind: NoticeKind, version: string, data: Partial<NoticeData>, now: Date, always = false): RevokeNotice {
  return async (tx: NoticeTx) => {
    if (!always && !mailConfigured()) return null; // only a mail: nothing to record without one
    const owner = await tx.user.findUnique({ where: { id: token.userId }, select: recipientSelect });
    const recipient = owner && recipientOf(owner);
    if (!recipient) return null;
    const request = { tokenId: token.id, kind, version, recipient, data: { tokenName: token.name, prefix: token.prefix, ...data } };
    return queueNotice(request, tx, now);
  };
}

export const adminRevokeNotice = (token: Revoked, admin: { email?: string }, now: Date) =>
  ownerNotice(token, "admin_revoke", now.toISOString(), { by: admin.email }, now);

/** `via`: the path the reuse was seen on (an API call, an introspection, an exchange). */
export const reuseNotice = (token: Revoked, ip: string | null, now: Date, via?: string) =>
  ownerNotice(token, "secret_reuse", now.toISOString(), { ip, at: now.toISOString(), ...(via ? { via } : {}) }, now);

/** The directory deleted the owner (SCIM): every token of theirs is revoked for good. */
export const deprovisionNotice = (token: Revoked, now: Date) => ownerNotice(token, "deprovisioned", now.toISOString(), {}, now);

export const leakNotice = (token: Revoked, url: string | undefined, now: Date) => ownerNotice(token, "leaked", now.toISOString(), { url }, now);

/** The policy's revoke is recorded even without mail (like its warning). Queued only: the job
 * that revoked it delivers it in its next step, so the revoke doesn't also send it. */
export function policyRevokeNotice(token: Revoked, days: number, now: Date): RevokeNotice {
  const queue = ownerNotice(token, "policy_revoke", now.toISOString(), { days }, now, true);
  return async (tx) => {
    await queue(tx);
    return null;
  };
}

// The words of each notice. Links go to the token's page, where its owner regenerates it, or
// (a token waiting for approval) to the Approvals page, where approvers decide.
import { publicOrigin } from "@/lib/http";
import type { Mail } from "@/lib/mail/send";

export const NOTICE_KINDS = ["expiry_7d", "expiry_1d", "admin_revoke", "unused_warning", "policy_revoke", "leaked", "secret_reuse", "deprovisioned", "approval_request", "approval_decision", "approval_expired"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Particulars stored with a notice (never a secret). `owner`: who the token is for ("service
 * account: deploy-bot"); `because`: what made the approval policy hold it back; `decision` and
 * `reason`: an approver's; `until`: the end of a pending token's wait. */
export type NoticeData = {
  tokenName: string;
  prefix: string;
  expiresAt?: string;
  revokeAt?: string;
  days?: number;
  url?: string;
  by?: string;
  ip?: string | null;
  at?: string;
  via?: string;
  owner?: string;
  because?: string[];
  decision?: "approved" | "denied";
  reason?: string | null;
  until?: string;
};

/** Where a token was checked when its replaced secret was used again. */
const PATH_TEXT: Record<string, string> = {
  api: "in a call to the API",
  introspection: "when a service asked the console whether it was valid (introspection)",
  exchange: "in an exchange for an access token",
  webhook: "in a webhook delivery",
};
const pathText = (via: string) => PATH_TEXT[via] ?? via;

export const tokenLink = (tokenId: string) => `${publicOrigin()}/tokens/${encodeURIComponent(tokenId)}`;

export const approvalsLink = () => `${publicOrigin()}/approvals`;

const day = (iso?: string) => (iso ? new Date(iso).toUTCString() : "soon");

/** "tomorrow" or "in N days", counted when the mail is written (a retried or late mail says what is left). */
export function expiresIn(expiresAt: string | undefined, now: Date): string {
  const left = expiresAt ? Math.ceil((Date.parse(expiresAt) - now.getTime()) / 86_400_000) : NaN;
  if (Number.isNaN(left)) return "soon";
  return left <= 1 ? "tomorrow" : `in ${left} days`;
}

export function noticeMail(kind: NoticeKind, tokenId: string, to: string, d: NoticeData, now = new Date()): Mail {
  const name = `"${d.tokenName}" (${d.prefix}…)`;
  const link = tokenLink(tokenId);
  switch (kind) {
    case "expiry_7d":
    case "expiry_1d":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" expires ${expiresIn(d.expiresAt, now)}`,
        text: `Your personal access token ${name} expires on ${day(d.expiresAt)}.\n\nIf you still need it, regenerate it here: ${link}\n`,
      };
    case "admin_revoke":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" was revoked by an admin`,
        text: `An admin${d.by ? ` (${d.by})` : ""} revoked your personal access token ${name}. It no longer works.\n\nDetails: ${link}\n`,
      };
    case "unused_warning":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" will be revoked for not being used`,
        text: `Your personal access token ${name} has not been used for a while. The admin policy revokes it on ${day(d.revokeAt)} unless it is used before then.\n\nDetails: ${link}\n`,
      };
    case "policy_revoke":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" was revoked: not used for ${d.days} days`,
        text: `Your personal access token ${name} was revoked by policy: not used for ${d.days} days.\n\nIf you still need it, regenerate it here: ${link}\n`,
      };
    case "leaked":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" was found in public and revoked`,
        text: `Your personal access token ${name} was reported leaked and has been revoked.\n\nWhere it was found: ${d.url ?? "(not given)"}\n\nRemove it from there, then regenerate it here: ${link}\n`,
      };
    case "secret_reuse":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" was revoked: a replaced secret was used`,
        text: `A secret of your personal access token ${name} that had been replaced (by a rotation or a regenerate) was used again${d.ip ? ` from ${d.ip}` : ""}${d.via ? ` ${pathText(d.via)}` : ""} on ${day(d.at)}, after its grace period. It has probably leaked, so the token was revoked, its current secret too.\n\nFind where the old secret is still used, then regenerate the token here: ${link}\n`,
      };
    case "deprovisioned":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" was revoked: your account was removed from the directory`,
        text: `Your account was deleted in your organisation's directory (SCIM), so your personal access token ${name} was revoked for good.\n\nDetails: ${link}\n`,
      };
    case "approval_request":
      return {
        to,
        subject: `A personal access token waits for your approval: "${d.tokenName}"`,
        text: `The personal access token ${name} of ${d.owner ?? "a user"} waits for an approver: it ${(d.because ?? ["is held back by the approval policy"]).join("; ")}.${d.by ? ` Requested by ${d.by}.` : ""}\n\nIt is refused until it is approved${d.until ? `, and expires unapproved on ${day(d.until)}` : ""}. Approve or deny it here: ${approvalsLink()}\n`,
      };
    case "approval_decision":
      return d.decision === "approved"
        ? {
            to,
            subject: `Your personal access token "${d.tokenName}" was approved`,
            text: `Your personal access token ${name}${d.owner ? ` (${d.owner})` : ""} was approved${d.by ? ` by ${d.by}` : ""}. It works now.${d.reason ? `\n\nReason: ${d.reason}` : ""}\n\nDetails: ${link}\n`,
          }
        : {
            to,
            subject: `Your personal access token "${d.tokenName}" was denied`,
            text: `Your personal access token ${name}${d.owner ? ` (${d.owner})` : ""} was denied${d.by ? ` by ${d.by}` : ""}. It can't be used.\n\nReason: ${d.reason ?? "(none given)"}\n\nDetails: ${link}\n`,
          };
    case "approval_expired":
      return {
        to,
        subject: `Your personal access token "${d.tokenName}" expired unapproved`,
        text: `Nobody approved your personal access token ${name}${d.owner ? ` (${d.owner})` : ""} within ${d.days ?? 7} days, so it expired unapproved and can't be used. Create a new one if you still need it.\n\nDetails: ${link}\n`,
      };
  }
}

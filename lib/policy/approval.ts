// The approval policy, pure: which new tokens wait for an approver, who approves, and when a
// pending token has waited too long. Read by token creation and the secret replacements
// (lib/tokens/service), by verification (a pending token past its wait counts as expired), and
// by the lifecycle job (which marks it "expired").
import { APPROVER_ROLE, isAdmin } from "@/lib/permissions/roles";
import { PENDING_APPROVAL_DAYS, type ApprovalDays, type Approvers } from "./constants";

const DAY_MS = 86_400_000;

export type ApprovalPolicy = {
  /** A lifetime longer than this many days needs approval. */
  approvalLongerThanDays: ApprovalDays;
  /** A token that never expires needs approval. */
  approvalNoExpiry: boolean;
  /** Holding any of these ("entity" or "entity:operation") needs approval; all permissions hold them all. */
  approvalScopes: string[];
  /** A service account's token needs approval. */
  approvalServiceAccounts: boolean;
  approvers: Approvers;
};

export type TokenAsk = {
  expiresAt: Date | null;
  allPermissions: boolean;
  scopes: readonly { entity: string; operation: string }[];
  serviceAccount: boolean;
};

/** Why the policy holds this token back, each a short phrase; none: it needs no approval. */
export function approvalReasons(policy: ApprovalPolicy, ask: TokenAsk, now: Date): string[] {
  const reasons: string[] = [];
  if (ask.expiresAt === null) {
    if (policy.approvalNoExpiry) reasons.push("never expires");
  } else if (policy.approvalLongerThanDays !== "off" && ask.expiresAt.getTime() - now.getTime() > policy.approvalLongerThanDays * DAY_MS) {
    reasons.push(`lives longer than ${policy.approvalLongerThanDays} days`);
  }
  const held = policy.approvalScopes.filter((rule) => {
    const [entity, operation] = rule.split(":");
    return ask.allPermissions || ask.scopes.some((s) => s.entity === entity && (operation === undefined || s.operation === operation));
  });
  if (held.length > 0) reasons.push(`holds ${held.join(", ")}`);
  if (policy.approvalServiceAccounts && ask.serviceAccount) reasons.push("belongs to a service account");
  return reasons;
}

/** Whether a new expiry gives the token longer than it had: no expiry is the longest. */
export function widensLifetime(before: { issuedAt: Date; expiresAt: Date | null }, after: { issuedAt: Date; expiresAt: Date | null }): boolean {
  if (after.expiresAt === null) return before.expiresAt !== null;
  if (before.expiresAt === null) return false;
  return after.expiresAt.getTime() - after.issuedAt.getTime() > before.expiresAt.getTime() - before.issuedAt.getTime();
}

/** The approval state after a regenerate or rotation: an approved (or never held) token stays
 * so unless the new lifetime is longer than the old one and the policy holds the new one back;
 * pending and denied stay as they are. */
export function approvalAfterReplace(status: string | null, widened: boolean, heldBack: boolean): string | null {
  if (status === "pending" || status === "denied") return status;
  return widened && heldBack ? "pending" : status;
}

/** When a token's wait for an approver began: when it last went pending (approvalRequestedAt),
 * else (rows held back before that was recorded) when its secret was minted. */
export const pendingSince = (token: { approvalRequestedAt: Date | null; secretIssuedAt: Date }) => token.approvalRequestedAt ?? token.secretIssuedAt;

/** A token pending this long since its wait began has expired unapproved. */
export const pendingExpired = (since: Date, now: Date) => now.getTime() - since.getTime() >= PENDING_APPROVAL_DAYS * DAY_MS;

/** The day a pending token stops waiting. */
export const pendingUntil = (since: Date) => new Date(since.getTime() + PENDING_APPROVAL_DAYS * DAY_MS);

/** Whether these roles may decide on pending tokens under the policy (admins always may). */
export const mayApprove = (roles: readonly string[], approvers: Approvers) => isAdmin(roles) || (approvers === "approver-role" && roles.includes(APPROVER_ROLE));

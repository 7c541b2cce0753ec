// The unused-token policy as pure rules (no database): which rule a token falls under, when it
// is due, and the words shown for it. The job (lib/lifecycle/unused-policy.ts) applies them.
import type { UnusedDays } from "./constants";

export { UNUSED_DAYS_CHOICES, type UnusedDays } from "./constants";

/** Owners are warned this long before the policy revokes a token. */
export const WARNING_DAYS = 7;
export const DAY_MS = 86_400_000;

export type UnusedRules = { unusedTokenDays: UnusedDays; neverUsedTokenDays: UnusedDays };
export type PolicyHit = { rule: "unused" | "never_used"; days: number; since: Date; deadline: Date };

export const policyOn = (rules: UnusedRules) => rules.unusedTokenDays !== "off" || rules.neverUsedTokenDays !== "off";

/**
 * When the policy makes this token due, by the earliest rule. Both count from when the current
 * secret was issued (creation, regenerate or rotation): a regenerated token is a fresh one, not
 * one "never used" since its creation. Not used for N days counts from the later of the last use
 * and that issue; never used counts from the issue while the secret has no use.
 */
export function policyHit(token: { secretIssuedAt: Date; lastUsedAt: Date | null }, rules: UnusedRules): PolicyHit | null {
  const hits: PolicyHit[] = [];
  const add = (rule: PolicyHit["rule"], days: UnusedDays, since: Date) => {
    if (days !== "off") hits.push({ rule, days, since, deadline: new Date(since.getTime() + days * DAY_MS) });
  };
  const issued = token.secretIssuedAt;
  add("unused", rules.unusedTokenDays, token.lastUsedAt && token.lastUsedAt > issued ? token.lastUsedAt : issued);
  if (!token.lastUsedAt) add("never_used", rules.neverUsedTokenDays, issued);
  return hits.sort((a, b) => a.deadline.getTime() - b.deadline.getTime())[0] ?? null;
}

/** The reason kept on a token the policy revoked (shown on its page). */
export const policyReason = (hit: Pick<PolicyHit, "rule" | "days">) =>
  hit.rule === "unused" ? `revoked by policy: not used for ${hit.days} days` : `revoked by policy: never used in ${hit.days} days`;

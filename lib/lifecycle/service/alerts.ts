// What the Access Tokens page warns its owner about: tokens that expire within 7 days, and
// tokens the unused-token policy has warned about (same rules as the mails). Both lists are
// bounded; the counts say how many there are in all.
import { db } from "@/lib/db";
import { DAY_MS, WARNING_DAYS } from "@/lib/policy/unused";
import { unusedWarningsFor } from "./unused-policy";

/** The most tokens of each kind the banner names. */
export const ALERT_LIMIT = 20;

export type TokenAlerts = {
  /** Soonest first, at most ALERT_LIMIT; `expiringCount` is how many in all. */
  expiring: { id: string; name: string; expiresAt: string }[];
  expiringCount: number;
  /** Soonest revoke first, at most ALERT_LIMIT; `unusedMore` counts the rest. */
  unused: { id: string; name: string; revokeAt: string; reason: string }[];
  unusedMore: number;
};

export async function tokenAlertsFor(userId: string, now = new Date(), limit = ALERT_LIMIT): Promise<TokenAlerts> {
  const where = { userId, revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + WARNING_DAYS * DAY_MS) } };
  const [expiring, expiringCount, unused] = await Promise.all([
    db.token.findMany({ where, select: { id: true, name: true, expiresAt: true }, orderBy: [{ expiresAt: "asc" }, { id: "asc" }], take: limit }),
    db.token.count({ where }),
    unusedWarningsFor(userId, now, limit),
  ]);
  return {
    expiring: expiring.map((t) => ({ id: t.id, name: t.name, expiresAt: t.expiresAt!.toISOString() })),
    expiringCount,
    unused: unused.items.map((t) => ({ id: t.id, name: t.name, revokeAt: t.revokeAt, reason: t.reason })),
    unusedMore: unused.more,
  };
}

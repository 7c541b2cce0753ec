// What the Access Tokens page warns its owner about: tokens that expire within 7 days, and
// tokens the unused-token policy has warned about (same rules as the mails).
import { db } from "@/lib/db";
import { DAY_MS, WARNING_DAYS } from "@/lib/policy/unused";
import { unusedWarningsFor } from "./unused-policy";

export type TokenAlerts = {
  expiring: { id: string; name: string; expiresAt: string }[];
  unused: { id: string; name: string; revokeAt: string; reason: string }[];
};

export async function tokenAlertsFor(userId: string, now = new Date()): Promise<TokenAlerts> {
  const [expiring, unused] = await Promise.all([
    db.token.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + WARNING_DAYS * DAY_MS) } },
      select: { id: true, name: true, expiresAt: true },
      orderBy: { expiresAt: "asc" },
    }),
    unusedWarningsFor(userId, now),
  ]);
  return {
    expiring: expiring.map((t) => ({ id: t.id, name: t.name, expiresAt: t.expiresAt!.toISOString() })),
    unused: unused.filter((t) => t.warned).map((t) => ({ id: t.id, name: t.name, revokeAt: t.revokeAt, reason: t.reason })),
  };
}

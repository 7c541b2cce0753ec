// A token's usage history as the API and the detail page show it: every UTC day of the range
// (zeros filled, oldest first), the most recently seen addresses, and totals. Read from the
// database: counts of the last minute (USAGE_FLUSH_SECONDS) may not be written yet.
import { db } from "@/lib/db";
import type { UsageResponse } from "@/lib/schemas/token";
import { KEEP_ADDRESSES } from "../limits";
import { utcDay } from "../usage-recorder";
import { findAccessible } from "./access";
import type { Caller } from "./caller";

const DAY_MS = 86_400_000;

/** The owner or an admin (the same rule as reading the token); others get 404. */
export async function getTokenUsage(caller: Caller, id: string, days: number, now = new Date()): Promise<UsageResponse> {
  const token = await findAccessible(caller, id);
  const range = Array.from({ length: days }, (_, i) => utcDay(now.getTime() - (days - 1 - i) * DAY_MS));
  const [rows, addresses] = await Promise.all([
    db.tokenUsageDay.findMany({ where: { tokenId: token.id, day: { gte: range[0], lte: range[range.length - 1] } } }),
    db.tokenAddress.findMany({ where: { tokenId: token.id }, orderBy: [{ lastSeenAt: "desc" }, { ip: "desc" }], take: KEEP_ADDRESSES }),
  ]);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const totals = { calls: 0, refused: { expired: 0, revoked: 0, ip: 0, scope: 0 } };
  const list = range.map((day) => {
    const r = byDay.get(day);
    const refused = { expired: r?.refusedExpired ?? 0, revoked: r?.refusedRevoked ?? 0, ip: r?.refusedIp ?? 0, scope: r?.refusedScope ?? 0 };
    totals.calls += r?.calls ?? 0;
    for (const key of Object.keys(refused) as (keyof typeof refused)[]) totals.refused[key] += refused[key];
    return { day, calls: r?.calls ?? 0, refused };
  });
  return {
    days: list,
    addresses: addresses.map((a) => ({ ip: a.ip, firstSeenAt: a.firstSeenAt.toISOString(), lastSeenAt: a.lastSeenAt.toISOString(), calls: a.calls })),
    totals,
  };
}

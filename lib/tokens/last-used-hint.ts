// "Never used" / "Not used for N days" next to a token's last use (the table and the detail
// page). 30 days is the shortest inactivity the unused-token policy can revoke for
// (UNUSED_DAYS_CHOICES): a token past it is one an admin's policy could already be after.
import { differenceInDays } from "date-fns";
import { UNUSED_DAYS_CHOICES } from "@/lib/policy/unused";

export const STALE_AFTER_DAYS = UNUSED_DAYS_CHOICES[1];

export type LastUsedHint = { kind: "never"; text: string } | { kind: "stale"; days: number; text: string } | null;

/** Null when the token was used recently; else the whole days elapsed since the last use
 * (date-fns differenceInDays: full days, rounded down). */
export function lastUsedHint(lastUsedAt: string | Date | null, now: Date, staleAfterDays = STALE_AFTER_DAYS): LastUsedHint {
  if (lastUsedAt === null) return { kind: "never", text: "Never used" };
  const last = typeof lastUsedAt === "string" ? new Date(lastUsedAt) : lastUsedAt;
  if (Number.isNaN(last.getTime())) return null;
  const days = differenceInDays(now, last);
  if (days < staleAfterDays) return null;
  return { kind: "stale", days, text: `Not used for ${days} days` };
}

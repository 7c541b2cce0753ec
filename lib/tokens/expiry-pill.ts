// The "Expires in" pill and its exact remaining time. Pure and time-zone free:
// both work on milliseconds between two instants, never on calendar dates.
import { formatDuration } from "date-fns";

export type PillTone = "neutral" | "success" | "warning" | "danger";
export type ExpiryPill = { label: string; tone: PillTone; warning: boolean };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const WARNING_DAYS = 5;

export function expiryPill(expiresAt: Date | null, now: Date): ExpiryPill {
  if (!expiresAt) return { label: "Never", tone: "neutral", warning: false };
  const remaining = expiresAt.getTime() - now.getTime();
  if (remaining <= 0) return { label: "Expired", tone: "danger", warning: false };
  if (remaining < DAY) return { label: "Less than 24 hours", tone: "warning", warning: true };
  const days = Math.floor(remaining / DAY);
  const label = `${days} ${days === 1 ? "day" : "days"}`;
  if (remaining < WARNING_DAYS * DAY) return { label, tone: "warning", warning: true };
  return { label, tone: "success", warning: false };
}

/** "12 days 3 hours 4 minutes", "Less than a minute", "Expired", or "Never expires". */
export function exactRemaining(expiresAt: Date | null, now: Date): string {
  if (!expiresAt) return "Never expires";
  const remaining = expiresAt.getTime() - now.getTime();
  if (remaining <= 0) return "Expired";
  if (remaining < MINUTE) return "Less than a minute";
  const days = Math.floor(remaining / DAY);
  const hours = Math.floor((remaining % DAY) / HOUR);
  const minutes = Math.floor((remaining % HOUR) / MINUTE);
  return formatDuration({ days, hours, minutes }, { format: ["days", "hours", "minutes"] });
}

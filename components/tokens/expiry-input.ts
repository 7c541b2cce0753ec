// Turns the Expiration select (and the custom date) into what the API takes: a preset as
// expiresIn, or a custom date as expiresAt = the end of that day in the browser's time zone.
import { addDays, endOfDay, format, isValid, parse, startOfDay, subDays } from "date-fns";
import { EXPIRATION_CHOICES, expiryFor, type ExpirationChoice } from "@/lib/policy/expiry";
import type { ExpiryInput } from "./use-tokens";

export const CUSTOM = "custom";
export type ExpirationValue = ExpirationChoice | typeof CUSTOM;

const DAY_FORMAT = "yyyy-MM-dd";

/** The first and last day a custom date may take (as yyyy-MM-dd), given the admin maximum. */
export function customDateBounds(max: ExpirationChoice, now: Date): { min: string; max?: string } {
  const min = format(addDays(startOfDay(now), 1), DAY_FORMAT);
  const limit = expiryFor(max, now);
  if (!limit) return { min };
  // A day counts only if its end is within the limit.
  const lastDay = endOfDay(limit).getTime() <= limit.getTime() ? limit : subDays(limit, 1);
  return { min, max: format(lastDay, DAY_FORMAT) };
}

export type ExpiryReading = { ok: true; value: ExpiryInput } | { ok: false; field: "expiration" | "expirationDate"; message: string };

export function readExpiry(choice: string, day: string, max: ExpirationChoice, now = new Date()): ExpiryReading {
  if (choice !== CUSTOM) {
    const preset = EXPIRATION_CHOICES.find((c) => c === choice);
    if (!preset) return { ok: false, field: "expiration", message: "Choose an expiration" };
    return { ok: true, value: { expiresIn: preset } };
  }
  if (!day) return { ok: false, field: "expirationDate", message: "Choose an expiration date" };
  const date = parse(day, DAY_FORMAT, now);
  if (!isValid(date)) return { ok: false, field: "expirationDate", message: "Enter a valid date" };
  const bounds = customDateBounds(max, now);
  if (day < bounds.min) return { ok: false, field: "expirationDate", message: "Choose a date from tomorrow on" };
  if (bounds.max && day > bounds.max) {
    const last = format(parse(bounds.max, DAY_FORMAT, now), "MMM d, yyyy");
    return { ok: false, field: "expirationDate", message: `Choose a date on or before ${last} (the maximum set by an admin)` };
  }
  return { ok: true, value: { expiresAt: endOfDay(date).toISOString() } };
}

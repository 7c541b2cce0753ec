// Expiration choices and the admin's maximum. Pure: the generate dialog and the server use
// the same functions, so the UI offers exactly what the server accepts.
import { addDays, addYears } from "date-fns";

import { EXPIRATION_CHOICES, type ExpirationChoice } from "./constants";

export { EXPIRATION_CHOICES, type ExpirationChoice };

export const EXPIRATION_LABELS: Record<ExpirationChoice, string> = {
  "7d": "7 days",
  "30d": "30 days",
  "45d": "45 days",
  "60d": "60 days",
  "1y": "1 year",
  never: "No expiration",
};

/** The expiry a choice gives when picked at `now`; null = never expires. */
export function expiryFor(choice: ExpirationChoice, now: Date): Date | null {
  switch (choice) {
    case "7d":
      return addDays(now, 7);
    case "30d":
      return addDays(now, 30);
    case "45d":
      return addDays(now, 45);
    case "60d":
      return addDays(now, 60);
    case "1y":
      return addYears(now, 1);
    case "never":
      return null;
  }
}

/** Choices within the admin's maximum, in display order. */
export function allowedChoices(max: ExpirationChoice, now = new Date()): ExpirationChoice[] {
  const limit = expiryFor(max, now);
  return EXPIRATION_CHOICES.filter((choice) => {
    if (limit === null) return true;
    const expiry = expiryFor(choice, now);
    return expiry !== null && expiry.getTime() <= limit.getTime();
  });
}

export type ExpiryRequest = { expiresIn?: ExpirationChoice; expiresAt?: Date };

/** A refusal is bad input (a date in the past) or the admin's policy (past the maximum). */
export type ExpiryDecision = { ok: true; expiresAt: Date | null } | { ok: false; code: "invalid_request" | "policy_violation"; message: string };

/** Applies the maximum to what the client asked for, whatever it sent. */
export function decideExpiry(request: ExpiryRequest, max: ExpirationChoice, now = new Date()): ExpiryDecision {
  const limit = expiryFor(max, now);
  const maxText = `the maximum set by an admin is ${EXPIRATION_LABELS[max].toLowerCase()}`;
  if (request.expiresAt) {
    if (request.expiresAt.getTime() <= now.getTime()) return { ok: false, code: "invalid_request", message: "The expiration date must be in the future" };
    if (limit && request.expiresAt.getTime() > limit.getTime()) {
      return { ok: false, code: "policy_violation", message: `That expiration is too far away: ${maxText}` };
    }
    return { ok: true, expiresAt: request.expiresAt };
  }
  const choice = request.expiresIn ?? "never";
  if (!allowedChoices(max, now).includes(choice)) {
    return { ok: false, code: "policy_violation", message: `${EXPIRATION_LABELS[choice]} is not allowed: ${maxText}` };
  }
  return { ok: true, expiresAt: expiryFor(choice, now) };
}

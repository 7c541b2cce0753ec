// The grace period of a replaced secret: how long the old secret keeps working after a rotation
// or a regenerate. Pure (no database, no clock): the server, the forms and the unit tests share it.
//
// None by default, at most 24 hours, chosen per call (graceSeconds) or per token
// (Token.rotationGraceSeconds); the call's choice wins. A replaced secret used at or after its
// graceUntil is a leak (lib/tokens/rotation.ts revokes the token).

import { MAX_GRACE_SECONDS } from "./limits";

export { MAX_GRACE_SECONDS };

/** The revokedReason of a token revoked because a replaced secret was used again. */
export const SECRET_REUSE = "secret_reuse";

/** The grace of one replacement: the call's choice, else the token's, else none. */
export function graceSecondsFor(call: number | null | undefined, token: number | null | undefined): number {
  const chosen = call ?? token ?? 0;
  if (!Number.isInteger(chosen) || chosen < 0) return 0;
  return Math.min(chosen, MAX_GRACE_SECONDS);
}

/** Until when a principal may act: its token's expiry or, when it is a replaced secret, the end
 * of that secret's grace period if sooner. */
export function principalExpiry(principal: { expiresAt: Date | null; graceUntil?: Date | null }): Date | null {
  const { expiresAt, graceUntil } = principal;
  if (!graceUntil) return expiresAt;
  return expiresAt && expiresAt < graceUntil ? expiresAt : graceUntil;
}

/** Until when a secret replaced at `replacedAt` still authenticates (excluded). */
export const graceUntil = (replacedAt: Date, seconds: number): Date => new Date(replacedAt.getTime() + seconds * 1000);

/** Within its grace, a replaced secret works; at graceUntil and after, its use is a reuse. */
export const inGrace = (until: Date, now: Date): boolean => now.getTime() < until.getTime();

/** The choices the detail page offers (seconds); the API takes any whole number up to the maximum. */
export const GRACE_CHOICES = [0, 300, 3_600, 21_600, 43_200, 86_400] as const;

/** "None", "5 minutes", "1 hour", "1 hour 30 minutes", "24 hours". */
export function graceLabel(seconds: number | null | undefined): string {
  if (!seconds) return "None";
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const part = (n: number, unit: string) => (n ? `${n} ${unit}${n === 1 ? "" : "s"}` : "");
  return [part(hours, "hour"), part(minutes, "minute"), part(rest, "second")].filter(Boolean).join(" ");
}

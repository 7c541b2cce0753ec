// Self-rotation (POST /api/v1/tokens/self/rotate) and reuse detection.
//
// A token renews its own secret: same id, name, description, scopes and allowlist, a new expiry.
// It needs no scope: it can't widen anything. The grant stays the same, and the new secret lives
// no longer than the current one was given (its expiry minus when it was issued) and within the
// admin's maximum: a 30-day token renews for 30 days at most, never for "never"; only a token
// that never expires may rotate to "never". So a pipeline can renew its own credential for ever,
// a short step at a time, but a leaked secret can't turn itself into a long-lived one.
// Only the current secret may rotate: a replaced secret still in its grace period gets 409, so a
// leaked old secret can't take the token over.
// (Reuse detection, which used to live beside it, is revoke-for-reuse.ts.)
import { db } from "@/lib/db";
import { conflict, policyViolation } from "@/lib/errors";
import { expiryFor } from "@/lib/policy/expiry";
import { getSettings } from "@/lib/policy/service";
import type { RotateInput, TokenWithSecret } from "@/lib/schemas/token";
import { invalidTokenError, tokenRequiredError } from "../errors";
import { withScopes } from "../response";
import { allowedExpiry } from "./allowed-expiry";
import type { Caller } from "./caller";
import { withinCaller } from "./caller-bounds";
import { replaceSecret } from "./replace-secret";

/** A caller that may carry the hash of the secret it authenticated with (withAuth sets it). */
export type RotateCaller = Caller & { token: (NonNullable<Caller["token"]> & { id: string; secretHash: string }) | null };
/** A caller that called with a token (not a session). */
export type SelfCaller = RotateCaller & { token: NonNullable<RotateCaller["token"]> };

/** Only a token rotates itself: a session is refused (401, a Bearer challenge) before anything else is read. */
export function selfCaller(caller: RotateCaller): SelfCaller {
  if (!caller.token) {
    throw tokenRequiredError(SESSION_CANT_ROTATE);
  }
  return caller as SelfCaller;
}

export const SESSION_CANT_ROTATE =
  "Rotate a token with the token itself: send it as the credential (Authorization: Bearer <token>). Signed in, regenerate it instead.";
export const ONLY_CURRENT_SECRET =
  "Only the token's current secret can rotate it. This secret was replaced and works only until its grace period ends.";


const HOUR = 3_600_000;
/** A preset counts calendar days, which a daylight-saving change lengthens by an hour. */
const CALENDAR_SLACK_MS = HOUR;

const lifetimeText = (ms: number) => {
  const hours = Math.round(ms / HOUR);
  return hours >= 48 ? `${Math.round(hours / 24)} days` : `${Math.max(hours, 1)} hour${hours === 1 ? "" : "s"}`;
};

/** The new secret's expiry: asked for (within the admin's maximum and the current lifetime, else
 * 403 policy_violation), or left out: as long as the current secret's lifetime, capped at the maximum. */
async function rotationExpiry(caller: SelfCaller, current: { secretIssuedAt: Date; expiresAt: Date | null }, input: RotateInput, now: Date): Promise<Date | null> {
  const lifetime = current.expiresAt ? current.expiresAt.getTime() - current.secretIssuedAt.getTime() : null;
  if (!input.expiresIn && !input.expiresAt) {
    const limit = expiryFor((await getSettings()).maxExpiration, now);
    const same = lifetime === null ? null : new Date(now.getTime() + lifetime);
    const capped = limit === null ? same : same === null || same > limit ? limit : same;
    return allowedExpiry(caller.user, capped ? { expiresAt: capped } : { expiresIn: "never" }, now);
  }
  const expiresAt = await allowedExpiry(caller.user, input, now);
  if (lifetime === null || (expiresAt !== null && expiresAt.getTime() - now.getTime() <= lifetime)) return expiresAt;
  // The same preset again, lengthened by a clock change: the same lifetime exactly (never
  // rounded up, or lifetimes would creep an hour a rotation).
  if (expiresAt !== null && expiresAt.getTime() - now.getTime() <= lifetime + CALENDAR_SLACK_MS) return new Date(now.getTime() + lifetime);
  throw policyViolation(
    `A token can't rotate to a longer life than its secret was given (${lifetimeText(lifetime)}): ask for at most that, or leave the expiry out. ` +
      "To give it longer, regenerate it signed in.",
  );
}

export async function rotateSelf(caller: SelfCaller, input: RotateInput, now = new Date()): Promise<TokenWithSecret> {
  const current = await db.token.findUnique({ where: { id: caller.token.id }, include: withScopes });
  if (!current) throw invalidTokenError("The token is not valid");
  if (current.secretHash !== caller.token.secretHash) throw conflict(ONLY_CURRENT_SECRET);
  // Authenticated a moment ago, revoked or expired since: never revived by its own secret.
  if (current.revokedAt) throw invalidTokenError("The token has been revoked");
  if (current.expiresAt && current.expiresAt.getTime() <= now.getTime()) throw invalidTokenError("The token has expired");
  // The same grant and allowlist: nothing to widen, and the expiry is bounded by the lifetime
  // rule above, so of the caller-bounds rule only "a replaced secret writes nothing" applies.
  withinCaller(caller, {});
  const expiresAt = await rotationExpiry(caller, current, input, now);
  return replaceSecret(caller, current, { expiresAt, graceSeconds: input.graceSeconds, action: "token.rotate" }, now);
}

// Self-rotation (POST /api/v1/tokens/self/rotate) and reuse detection.
//
// A token renews its own secret: same id, name, description and scopes, a new expiry within the
// admin maximum. It needs no scope: it can't widen anything (the grant stays the same, the expiry
// is capped by the admin's maximum like any new secret), and a token that may do nothing else may
// still rotate. Only the current secret may rotate: a replaced secret still in its grace period
// gets 409, so a leaked old secret can't take the token over.
//
// Reuse detection: a replaced secret used at or after its graceUntil means it leaked. The token is
// revoked at once, new secret included (reason "secret_reuse", revokedDetails { ip, at }), with an
// audit event token.reuse_detected (failure) beside the token.revoke, the cache dropped on every
// instance (the shared revoke step), and a notice to the owner.
import { challenge } from "@/lib/auth/challenge";
import { db } from "@/lib/db";
import { ApiError, conflict } from "@/lib/errors";
import { reuseNotice } from "@/lib/lifecycle/owner-notices";
import { allowedChoices, type ExpirationChoice, type ExpiryRequest } from "@/lib/policy/expiry";
import { getSettings } from "@/lib/policy/settings";
import type { RotateInput, TokenWithSecret } from "@/lib/schemas/token";
import { allowedExpiry, replaceSecret, revokeBySystem, tokenEvent, type Caller } from "./actions";
import { SECRET_REUSE } from "./grace";
import { withScopes } from "./response";

/** A caller that may carry the hash of the secret it authenticated with (withAuth sets it). */
export type RotateCaller = Caller & { token: (NonNullable<Caller["token"]> & { id: string; secretHash: string }) | null };
/** A caller that called with a token (not a session). */
export type SelfCaller = RotateCaller & { token: NonNullable<RotateCaller["token"]> };

/** Only a token rotates itself: a session is refused (401, a Bearer challenge) before anything else is read. */
export function selfCaller(caller: RotateCaller): SelfCaller {
  if (!caller.token) {
    throw new ApiError("unauthorized", SESSION_CANT_ROTATE, undefined, { "WWW-Authenticate": 'Bearer realm="pat-console"' });
  }
  return caller as SelfCaller;
}

export const SESSION_CANT_ROTATE =
  "Rotate a token with the token itself: send it as the credential (Authorization: Bearer <token>). Signed in, regenerate it instead.";
export const ONLY_CURRENT_SECRET =
  "Only the token's current secret can rotate it. This secret was replaced and works only until its grace period ends.";

const tokenRefused = (message: string) =>
  new ApiError("invalid_token", message, undefined, { "WWW-Authenticate": challenge("Bearer", { error: "invalid_token", error_description: message }) });

/** The expiry a rotation gets when the call names none: the regenerate dialog's default
 * (30 days, or the longest choice the admin's maximum allows when that is shorter). */
export function defaultRotationExpiry(max: ExpirationChoice): ExpirationChoice {
  const choices = allowedChoices(max);
  return choices.includes("30d") ? "30d" : choices[choices.length - 1];
}

export async function rotateSelf(caller: SelfCaller, input: RotateInput, now = new Date()): Promise<TokenWithSecret> {
  const current = await db.token.findUnique({ where: { id: caller.token.id }, include: withScopes });
  if (!current) throw tokenRefused("The token is not valid");
  if (current.secretHash !== caller.token.secretHash) throw conflict(ONLY_CURRENT_SECRET);
  // Authenticated a moment ago, revoked or expired since: never revived by its own secret.
  if (current.revokedAt) throw tokenRefused("The token has been revoked");
  if (current.expiresAt && current.expiresAt.getTime() <= now.getTime()) throw tokenRefused("The token has expired");
  const request: ExpiryRequest =
    input.expiresIn || input.expiresAt ? input : { expiresIn: defaultRotationExpiry((await getSettings()).maxExpiration) };
  const expiresAt = await allowedExpiry(caller.user, request, now);
  return replaceSecret(caller, current, { expiresAt, graceSeconds: input.graceSeconds, action: "token.rotate" }, now);
}

/** A replaced secret (its hash) was used after its grace period: revoke the token (once; later
 * uses find it revoked), unless a regenerate forgot that secret meanwhile. True when this call revoked it. */
export async function revokeForReuse(tokenId: string, secretHash: string, ip: string | null, now = new Date()): Promise<boolean> {
  const token = await db.token.findUnique({ where: { id: tokenId }, select: { id: true, name: true, userId: true, prefix: true } });
  if (!token) return false;
  const at = now.toISOString();
  const meta = { actorId: null, actorEmail: null, ip, userAgent: null };
  const revoked = await revokeBySystem(token.id, SECRET_REUSE, meta, { via: "reuse detection", ip, at }, now, {
    revokedDetails: { ip, at },
    event: { ...tokenEvent("token.reuse_detected", token, { ip, at, revoked: true }), outcome: "failure" },
    whileReplaced: secretHash,
    notice: reuseNotice(token, ip, now),
  });
  return revoked;
}

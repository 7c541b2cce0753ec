// Revokes, each through the one revoke step (revoke.ts): by the owner or an admin, by whoever
// holds the secret (RFC 7009), and by the system (the unused-token policy, a leak report).
import type { AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { adminRevokeNotice } from "@/lib/notices/service/owner-notices";
import type { TokenResponse } from "@/lib/schemas/token";
import { hashSecret, isWellFormedSecret } from "../format";
import { respond } from "./respond";
import { findAccessible } from "./access";
import { metaOf, type Caller } from "./caller";
import { revoke, type RevokeOptions } from "./revoke";

/** Permanent for this secret (owner or admin). An admin's revoke of a token already revoked by
 * its owner or by the secret's holder is recorded and then stands (no regenerate by the owner). */
export async function revokeToken(caller: Caller, id: string, now = new Date()): Promise<TokenResponse> {
  const token = await findAccessible(caller, id);
  const byAdmin = token.userId !== caller.user.id;
  if (token.revokedAt && !byAdmin) return respond(token, now);
  const notice = byAdmin && !token.revokedAt ? adminRevokeNotice(token, caller.user, now) : undefined;
  await revoke({ token, meta: metaOf(caller), revokedById: caller.user.id, notice, over: Boolean(token.revokedAt), now });
  return respond(await findAccessible(caller, id), now);
}

/** RFC 7009: whoever holds a (leaked) secret may revoke it, the current one or a replaced one
 * (the whole token, as a leak report does); the caller learns nothing either way. */
export async function revokeBySecret(secret: string, meta: AuditMeta, now = new Date()): Promise<void> {
  if (!isWellFormedSecret(secret)) return;
  const secretHash = hashSecret(secret);
  const select = { id: true, name: true, userId: true, revokedAt: true } as const;
  const current = await db.token.findUnique({ where: { secretHash }, select });
  const token = current ?? (await db.replacedSecret.findUnique({ where: { secretHash }, select: { token: { select } } }))?.token;
  if (token && !token.revokedAt) await revoke({ token, meta, now, details: { via: "revocation endpoint", ...(current ? {} : { secret: "replaced" }) } });
}

export type RevokeExtra = Pick<RevokeOptions, "revokedDetails" | "event" | "whileReplaced" | "notice">;

/** A revoke with no person behind it: the reason is kept on the token and in the audit event.
 * False when it was revoked already. */
export async function revokeBySystem(tokenId: string, reason: string, meta: AuditMeta, details: Record<string, unknown>, now = new Date(), extra: RevokeExtra = {}): Promise<boolean> {
  const token = await db.token.findUnique({ where: { id: tokenId }, select: { id: true, name: true, userId: true, revokedAt: true } });
  if (!token || token.revokedAt) return false;
  return revoke({ token, meta, reason, details: { ...details, reason }, now, ...extra });
}

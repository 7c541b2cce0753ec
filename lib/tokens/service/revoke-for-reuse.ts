// Reuse detection: a replaced secret used at or after its graceUntil means it leaked. The token is
// revoked at once, new secret included (reason "secret_reuse", revokedDetails { ip, at, via }),
// with an audit event token.reuse_detected (failure) beside the token.revoke, the cache dropped on
// every instance (the shared revoke step), and a notice to the owner naming the address and the
// path that saw it (an API call, an introspection, an exchange).
// Loaded only when a reuse happens (service/verify.ts), so the hot path never imports mail.
import { db } from "@/lib/db";
import { reuseNotice } from "@/lib/notices/service/owner-notices";
import { SECRET_REUSE, type Reuse } from "../grace";
import { tokenEvent } from "./caller";
import { revokeBySystem } from "./revoke-token";

/** Revokes the token (once; later uses find it revoked), unless a regenerate forgot that secret
 * meanwhile. True when this call revoked it. */
export async function revokeForReuse({ tokenId, secretHash, ip, via, now }: Reuse): Promise<boolean> {
  const token = await db.token.findUnique({ where: { id: tokenId }, select: { id: true, name: true, userId: true, prefix: true } });
  if (!token) return false;
  const at = now.toISOString();
  const meta = { actorId: null, actorEmail: null, ip, userAgent: null };
  return revokeBySystem(token.id, SECRET_REUSE, meta, { via: "reuse detection", path: via, ip, at }, now, {
    revokedDetails: { ip, at, via },
    event: { ...tokenEvent("token.reuse_detected", token, { ip, at, via, revoked: true }), outcome: "failure" },
    whileReplaced: secretHash,
    notice: reuseNotice(token, ip, now, via),
  });
}

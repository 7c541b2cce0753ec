// Revoked access tokens (JWTs), by jti. A JWT can't be recalled from the services holding it, so
// revoking one means introspection answers active:false from then on. Rows live in the
// database (every instance sees them) until the JWT would have expired, then are pruned.
import { db } from "@/lib/db";
import { verifyAccessToken } from "./exchange";

/** RFC 7009 for our JWTs: a valid one is denied until its exp; anything else is ignored. */
export async function revokeAccessToken(jwt: string, issuer: string, now = new Date()): Promise<void> {
  const payload = await verifyAccessToken(jwt, issuer);
  if (!payload?.jti || !payload.exp) return;
  const expiresAt = new Date(payload.exp * 1000);
  await db.accessTokenDenylist.upsert({ where: { jti: payload.jti }, create: { jti: payload.jti, expiresAt }, update: {} });
  await db.accessTokenDenylist.deleteMany({ where: { expiresAt: { lt: now } } });
}

export async function isDenied(jti: string): Promise<boolean> {
  return (await db.accessTokenDenylist.count({ where: { jti } })) > 0;
}

// What an accepted OpenID Connect back-channel logout does: the person's console sessions end
// (every browser), recorded with the IdP as the actor. The logout token's jti is kept until the
// token would have expired, in the same transaction: a replayed token is refused (false).
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { endSessions } from "../sessions";

export type LogoutOutcome = "ended" | "replayed" | "unknown_subject";

export async function endSessionsBySubject(subject: string, jti: string, expiresAt: Date, ip: string | null, now = new Date()): Promise<LogoutOutcome> {
  return db.$transaction(async (tx) => {
    await tx.logoutTokenJti.deleteMany({ where: { expiresAt: { lt: now } } });
    const seen = await tx.logoutTokenJti.findUnique({ where: { jti } });
    if (seen) return "replayed";
    await tx.logoutTokenJti.create({ data: { jti, expiresAt } });
    const user = await tx.user.findUnique({ where: { ssoSubject: subject }, select: { id: true, email: true } });
    if (!user) return "unknown_subject";
    await endSessions(tx, user.id, now);
    await recordAudit(tx, { actorId: null, actorEmail: "SSO identity provider", ip, userAgent: null }, {
      action: "auth.backchannel_logout",
      targetType: "session",
      targetId: user.id,
      targetName: user.email,
      ownerId: user.id,
      details: { via: "OpenID Connect back-channel logout" },
    });
    return "ended";
  });
}

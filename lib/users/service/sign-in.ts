// The database side of next-auth's sign-in and sign-out (lib/auth/next-auth.ts): the password
// user's lookup, the session events of the audit log, and a sign-out that ends every session.
import { recordAudit, type AuditEntry, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { endSessions } from "../sessions";

/** The user signing in with a password (internal or LDAP), or null. */
export const findUserByEmail = (email: string) => db.user.findUnique({ where: { email } });

/** A sign-in, a failed one, or a lock it set: one audit event about the session. */
export async function recordSessionEvent(meta: AuditMeta, entry: Omit<AuditEntry, "targetType">): Promise<void> {
  await recordAudit(db, meta, { ...entry, targetType: "session" });
}

/** Signing out ends the user's sessions in every browser, not only this one, audited with it. */
export async function signOutUser(meta: AuditMeta, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await endSessions(tx, userId);
    await recordAudit(tx, meta, { action: "auth.sign_out", targetType: "session", targetId: userId, targetName: meta.actorEmail, ownerId: userId });
  });
}

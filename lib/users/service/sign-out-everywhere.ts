import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { notFound } from "@/lib/errors";
import { endSessions } from "../sessions";

/** An admin's "sign out everywhere": every session of the user ends (their tokens keep working). */
export async function signOutEverywhere(meta: AuditMeta, id: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id }, select: { email: true, kind: true } });
  if (!user || user.kind === SERVICE_ACCOUNT_KIND) throw notFound("User");
  await db.$transaction(async (tx) => {
    await endSessions(tx, id);
    await recordAudit(tx, meta, { action: "user.sign_out_everywhere", targetType: "user", targetId: id, targetName: user.email, ownerId: id });
  });
}

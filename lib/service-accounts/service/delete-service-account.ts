// Deleting a service account deletes its tokens with it (their secrets stop at once, on every
// instance); the audit events stay.
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { tokenCache } from "@/lib/tokens/cache";
import { SERVICE_ACCOUNT_KIND } from "../constants";

export async function deleteServiceAccount(meta: AuditMeta, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const account = await tx.user.findFirst({ where: { id, kind: SERVICE_ACCOUNT_KIND }, select: { id: true, name: true, _count: { select: { tokens: true } } } });
    if (!account) throw notFound("Service account");
    await tx.user.delete({ where: { id } });
    await recordAudit(tx, meta, {
      action: "service_account.delete",
      targetType: "service_account",
      targetId: id,
      targetName: account.name,
      ownerId: id,
      details: { tokensDeleted: account._count.tokens },
    });
  });
  await tokenCache.invalidateUser(id);
}

// Rename, change roles, disable or enable, or set the managers of a service account (admins).
// Disabling stops its tokens at once: the token check refuses a disabled owner, and the cache of
// every instance forgets the account (tokenCache.invalidateUser broadcasts on PostgreSQL).
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { formatRoles, parseRoles } from "@/lib/permissions/roles";
import type { ServiceAccountResponse, UpdateServiceAccountInput } from "@/lib/schemas/service-account";
import { tokenCache } from "@/lib/tokens/cache";
import { SERVICE_ACCOUNT_KIND } from "../constants";
import { toServiceAccountResponse } from "../response";
import { accountSelect } from "./access";
import { assertNameFree, resolveManagers } from "./managers";

export async function updateServiceAccount(meta: AuditMeta, id: string, input: UpdateServiceAccountInput, now = new Date()): Promise<ServiceAccountResponse> {
  const current = await db.user.findFirst({ where: { id, kind: SERVICE_ACCOUNT_KIND }, select: accountSelect(now) });
  if (!current) throw notFound("Service account");
  if (input.name !== undefined) await assertNameFree(input.name, id);
  const managerIds = input.managers ? await resolveManagers(input.managers) : undefined;
  const action =
    input.disabled === true && !current.disabled ? "service_account.disable" : input.disabled === false && current.disabled ? "service_account.enable" : "service_account.update";
  const row = await db.$transaction(async (tx) => {
    if (managerIds) {
      await tx.serviceAccountManager.deleteMany({ where: { serviceAccountId: id, userId: { notIn: managerIds } } });
      const kept = new Set(current.managers.map((m) => m.user.id));
      const added = managerIds.filter((m) => !kept.has(m));
      if (added.length) await tx.serviceAccountManager.createMany({ data: added.map((userId) => ({ serviceAccountId: id, userId })) });
    }
    const updated = await tx.user.update({
      where: { id },
      data: { name: input.name, roles: input.roles ? formatRoles(input.roles) : undefined, disabled: input.disabled },
      select: accountSelect(now),
    });
    await recordAudit(tx, meta, {
      action,
      targetType: "service_account",
      targetId: id,
      targetName: updated.name,
      ownerId: id,
      details: {
        changed: Object.keys(input),
        ...(input.name !== undefined && input.name !== current.name ? { previousName: current.name } : {}),
        ...(input.roles ? { roles: input.roles, previousRoles: parseRoles(current.roles) } : {}),
        ...(input.managers ? { managers: input.managers, previousManagers: current.managers.map((m) => m.user.email) } : {}),
      },
    });
    return updated;
  });
  // Its tokens act with the account's current roles and state: every instance forgets them.
  await tokenCache.invalidateUser(id);
  return toServiceAccountResponse(row);
}

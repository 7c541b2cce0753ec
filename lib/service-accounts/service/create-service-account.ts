// A new service account (admins): a User of kind "service" with no password and a made-up,
// undeliverable email (it can't sign in by any path), its roles and its managers.
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { formatRoles } from "@/lib/permissions/roles";
import type { CreateServiceAccountInput, ServiceAccountResponse } from "@/lib/schemas/service-account";
import { SERVICE_ACCOUNT_EMAIL_DOMAIN, SERVICE_ACCOUNT_KIND } from "../constants";
import { toServiceAccountResponse } from "../response";
import { accountSelect } from "./access";
import { assertNameFree, resolveManagers } from "./managers";

export async function createServiceAccount(meta: AuditMeta, input: CreateServiceAccountInput, now = new Date()): Promise<ServiceAccountResponse> {
  await assertNameFree(input.name);
  const managerIds = await resolveManagers(input.managers);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email: `${randomUUID()}@${SERVICE_ACCOUNT_EMAIL_DOMAIN}`,
        name: input.name,
        kind: SERVICE_ACCOUNT_KIND,
        roles: formatRoles(input.roles),
        passwordHash: null,
        managers: { create: managerIds.map((userId) => ({ userId })) },
      },
      select: accountSelect(now),
    });
    await recordAudit(tx, meta, {
      action: "service_account.create",
      targetType: "service_account",
      targetId: created.id,
      targetName: created.name,
      ownerId: created.id,
      details: { roles: input.roles, managers: input.managers },
    });
    return created;
  });
  return toServiceAccountResponse(row);
}

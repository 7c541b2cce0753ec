import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { badRequest, notFound } from "@/lib/errors";
import { ADMIN_ROLE, formatRoles, isAdmin, parseRoles } from "@/lib/permissions/roles";
import type { UpdateUserInput, UserResponse } from "@/lib/schemas/user";
import { tokenCache } from "@/lib/tokens/cache";
import { toUserResponse } from "../response";
import { endSessions } from "../sessions";

export async function updateUser(meta: AuditMeta, id: string, input: UpdateUserInput): Promise<UserResponse> {
  const actorId = meta.actorId;
  const user = await db.user.findUnique({ where: { id } });
  // A service account is changed through its own routes (lib/service-accounts).
  if (!user || user.kind === SERVICE_ACCOUNT_KIND) throw notFound("User");
  if (id === actorId && input.disabled === true) throw badRequest("You can't disable your own account");
  if (id === actorId && input.roles && !input.roles.includes(ADMIN_ROLE) && isAdmin(parseRoles(user.roles))) {
    throw badRequest("You can't remove your own admin role");
  }
  const action = input.disabled === true && !user.disabled ? "user.disable" : input.disabled === false && user.disabled ? "user.enable" : "user.update";
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.user.update({
      where: { id },
      data: { name: input.name, roles: input.roles ? formatRoles(input.roles) : undefined, disabled: input.disabled },
    });
    // A disabled user's sessions end for good: enabling them again does not revive old cookies.
    if (action === "user.disable") await endSessions(tx, id);
    await recordAudit(tx, meta, {
      action,
      targetType: "user",
      targetId: id,
      targetName: row.email,
      ownerId: id,
      details: { changed: Object.keys(input), ...(input.roles ? { roles: input.roles, previousRoles: parseRoles(user.roles) } : {}) },
    });
    return row;
  });
  // Tokens act with the owner's current roles and status: forget what this instance cached.
  await tokenCache.invalidateUser(id);
  return toUserResponse(updated);
}

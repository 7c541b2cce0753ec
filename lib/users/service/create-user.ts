import type { z } from "zod";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { formatRoles } from "@/lib/permissions/roles";
import type { createUserSchema, UserResponse } from "@/lib/schemas/user";
import { hashPassword } from "../password";
import { toUserResponse } from "../response";

export async function createUser(meta: AuditMeta, input: z.output<typeof createUserSchema>): Promise<UserResponse> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw conflict("A user with this email already exists");
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const user = await db.$transaction(async (tx) => {
    const row = await tx.user.create({
      data: { email: input.email, name: input.name, kind: input.kind, roles: formatRoles(input.roles), passwordHash },
    });
    await recordAudit(tx, meta, {
      action: "user.create",
      targetType: "user",
      targetId: row.id,
      targetName: row.email,
      ownerId: row.id,
      details: { kind: row.kind, roles: input.roles },
    });
    return row;
  });
  return toUserResponse(user);
}

// Users: list, read, create, update. Admin-only at the API (see the routes' policy).
import { randomBytes } from "node:crypto";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db, type User } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { conflict, notFound, badRequest } from "@/lib/errors";
import { tokenCache } from "@/lib/tokens/cache";
import type { UpdateUserInput, UserResponse } from "@/lib/schemas/user";
import { createUserSchema } from "@/lib/schemas/user";
import { formatRoles, isAdmin, parseRoles, ADMIN_ROLE } from "@/lib/permissions/roles";
import { hashPassword } from "./password";
import { endSessions } from "./sessions";
import type { z } from "zod";

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    kind: user.kind as UserResponse["kind"],
    roles: parseRoles(user.roles),
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}

export async function listUsers(): Promise<UserResponse[]> {
  const users = await db.user.findMany({ orderBy: { createdAt: "asc" } });
  return users.map(toUserResponse);
}

export async function getUser(id: string): Promise<UserResponse> {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw notFound("User");
  return toUserResponse(user);
}

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

export async function updateUser(meta: AuditMeta, id: string, input: UpdateUserInput): Promise<UserResponse> {
  const actorId = meta.actorId;
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw notFound("User");
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
  tokenCache.invalidateUser(id);
  return toUserResponse(updated);
}

/** An admin's "sign out everywhere": every session of the user ends (their tokens keep working). */
export async function signOutEverywhere(meta: AuditMeta, id: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id }, select: { email: true } });
  if (!user) throw notFound("User");
  await db.$transaction(async (tx) => {
    await endSessions(tx, id);
    await recordAudit(tx, meta, { action: "user.sign_out_everywhere", targetType: "user", targetId: id, targetName: user.email, ownerId: id });
  });
}

/** At the first start (no user at all): the admin account, from ADMIN_EMAIL/ADMIN_PASSWORD or
 * with a generated password shown once in `log`. */
export async function ensureFirstAdmin(log: (line: string) => void = console.log) {
  const env = loadEnv();
  if ((await db.user.count()) > 0) return null;
  const email = env.adminEmail ?? "admin@example.com";
  const generated = env.adminPassword === undefined;
  const password = env.adminPassword ?? randomBytes(15).toString("base64url");
  try {
    await db.user.create({
      data: { email, name: "Administrator", kind: "internal", roles: formatRoles([ADMIN_ROLE, "user"]), passwordHash: await hashPassword(password) },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null; // another instance was first
    throw error;
  }
  if (generated) {
    log(
      [
        "",
        "  First start: created the admin account (this password is shown only now).",
        `    Email:    ${email}`,
        `    Password: ${password}`,
        "  Set ADMIN_EMAIL and ADMIN_PASSWORD before the first start to choose them.",
        "",
      ].join("\n"),
    );
  } else {
    log(`First start: created the admin account ${email}.`);
  }
  return { email };
}

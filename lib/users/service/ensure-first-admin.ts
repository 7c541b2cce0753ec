import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { ADMIN_ROLE, formatRoles } from "@/lib/permissions/roles";
import { hashPassword } from "../password";

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

import { db } from "@/lib/db";
import { ADMIN_ROLE, formatRoles, parseRoles } from "@/lib/permissions/roles";
import { cleanDisplayName } from "@/lib/schemas/common";
import { tokenCache } from "@/lib/tokens/cache";

/** A directory entry that signed in with the right password (lib/auth/ldap.ts). */
export type DirectoryUser = { dn: string; email: string; name: string; admin: boolean };

/** Creates or updates the console user behind a directory sign-in (kind "ldap"). */
export async function upsertLdapUser(entry: DirectoryUser): Promise<{ id: string; email: string; name: string } | null> {
  const existing = await db.user.findUnique({ where: { email: entry.email } });
  if (existing && (existing.kind !== "ldap" || existing.disabled)) return null;
  const roles = entry.admin ? [ADMIN_ROLE, "user"] : ["user"];
  if (!existing) {
    const created = await db.user.create({ data: { email: entry.email, name: cleanDisplayName(entry.name, entry.email), kind: "ldap", roles: formatRoles(roles) } });
    return { id: created.id, email: created.email, name: created.name };
  }
  // Directory groups decide admin; other roles given in the console stay.
  const kept = parseRoles(existing.roles).filter((r) => r !== ADMIN_ROLE);
  const updated = await db.user.update({
    where: { id: existing.id },
    data: { name: cleanDisplayName(entry.name, entry.email), roles: formatRoles([...(entry.admin ? [ADMIN_ROLE] : []), ...new Set([...kept, "user"])]) },
  });
  await tokenCache.invalidateUser(existing.id);
  return { id: updated.id, email: updated.email, name: updated.name };
}

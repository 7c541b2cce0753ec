import { db } from "@/lib/db";
import { formatRoles, parseRoles } from "@/lib/permissions/roles";
import { cleanDisplayName } from "@/lib/schemas/common";
import { tokenCache } from "@/lib/tokens/cache";

/** What an OpenID Connect sign-in tells about the user (lib/auth/sso.ts). */
export type SsoProfile = { id: string; email?: string; name?: string; roles: string[] | null };

export type SsoRefusal = "SsoNoEmail" | "SsoAccountConflict" | "SsoDisabled";

/** The OpenID subject a back-channel logout names the user by (taken from whoever held it before). */
async function rememberSubject(userId: string, subject: string) {
  if (!subject) return;
  await db.$transaction([
    db.user.updateMany({ where: { ssoSubject: subject, NOT: { id: userId } }, data: { ssoSubject: null } }),
    db.user.update({ where: { id: userId }, data: { ssoSubject: subject } }),
  ]);
}

/** Creates or updates the console user behind an SSO sign-in; a refusal names why. */
export async function upsertSsoUser(profile: SsoProfile): Promise<{ id: string } | { refused: SsoRefusal }> {
  // A user the directory provisioned (SCIM) is matched by its externalId (Okta's user id is the
  // OpenID subject) before the email; their roles, name and email are the directory's to set.
  const provisioned = profile.id ? await db.user.findFirst({ where: { scimExternalId: profile.id, scimUserKey: { not: null }, kind: "sso" } }) : null;
  if (provisioned) {
    if (provisioned.disabled) return { refused: "SsoDisabled" };
    await rememberSubject(provisioned.id, profile.id);
    return { id: provisioned.id };
  }
  if (!profile.email) return { refused: "SsoNoEmail" };
  const existing = await db.user.findUnique({ where: { email: profile.email } });
  if (existing && existing.kind !== "sso") return { refused: "SsoAccountConflict" };
  if (existing?.disabled) return { refused: "SsoDisabled" };
  const name = cleanDisplayName(profile.name ?? "", profile.email);
  if (!existing) {
    const created = await db.user.create({ data: { email: profile.email, name, kind: "sso", roles: formatRoles(profile.roles ?? ["user"]), ssoSubject: profile.id || null } });
    return { id: created.id };
  }
  if (existing.scimUserKey !== null) {
    await rememberSubject(existing.id, profile.id);
    return { id: existing.id };
  }
  const roles = profile.roles ?? parseRoles(existing.roles);
  await db.user.update({ where: { id: existing.id }, data: { name, roles: formatRoles(roles) } });
  await rememberSubject(existing.id, profile.id);
  await tokenCache.invalidateUser(existing.id);
  return { id: existing.id };
}

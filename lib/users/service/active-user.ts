import { db } from "@/lib/db";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { parseRoles } from "@/lib/permissions/roles";
import { sessionIsCurrent } from "../sessions";

/** `provisioned`: the directory provisions them over SCIM. */
export type SessionUser = { id: string; email: string; name: string; kind: string; roles: string[]; provisioned?: boolean };

/** The session's user, unless disabled or the session was ended (sign-out, "sign out everywhere"...). */
export async function activeUser(id: string | undefined, signedInAt: unknown): Promise<SessionUser | null> {
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, kind: true, roles: true, disabled: true, sessionsValidAfter: true, scimUserKey: true },
  });
  // A service account never has a session; refused here too, whatever a cookie claims.
  if (!user || user.disabled || user.kind === SERVICE_ACCOUNT_KIND || !sessionIsCurrent(signedInAt, user.sessionsValidAfter)) return null;
  return { id: user.id, email: user.email, name: user.name, kind: user.kind, roles: parseRoles(user.roles), provisioned: user.scimUserKey !== null };
}

// Guards for server pages (taxonomy's dashboard pages): the signed-in user, or a redirect.
// Route handlers use withAuth instead; these only decide what a page shows.
import { redirect } from "next/navigation";
import { isAdmin } from "@/lib/permissions/roles";
import { getCurrentUser, type SessionUser } from "./session";

/** The signed-in user; signed-out visitors go to the login page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** An admin; anyone else is sent to their own tokens (the page would only show a refusal). */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!isAdmin(user.roles)) redirect("/tokens");
  return user;
}

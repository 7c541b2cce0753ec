// Ending sessions. A session cookie is a JWT that would stay valid until it expires (12 h),
// so ending sessions is a time per user: a cookie whose sign-in happened before
// User.sessionsValidAfter is refused where the user is loaded on each request
// (lib/auth/session.ts). Sign-out, an admin disabling the user, and an admin's "sign out
// everywhere" set it; it ends every session of that user, in every browser.
// The sign-in time is our own claim (signedInAt, ms), not the JWT's iat: next-auth issues a
// new JWT, with a new iat, each time the session is read at /api/auth/session.
import type { Db } from "@/lib/db";

type UserUpdater = Pick<Db, "user">;

/** Sessions of `userId` signed in before now are over. */
export async function endSessions(client: UserUpdater, userId: string, at = new Date()): Promise<void> {
  await client.user.updateMany({ where: { id: userId }, data: { sessionsValidAfter: at } });
}

/** Whether a session signed in at `signedInAt` (ms since epoch) is still accepted. */
export function sessionIsCurrent(signedInAt: unknown, validAfter: Date | null): boolean {
  if (!validAfter) return true;
  return typeof signedInAt === "number" && signedInAt >= validAfter.getTime();
}

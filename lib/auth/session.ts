// Who is signed in: the user behind the session cookie, reloaded from the database.
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { parseRoles } from "@/lib/users/roles";
import { getAuthOptions } from "./next-auth";
import { sessionIsCurrent } from "./sessions";

export type SessionUser = { id: string; email: string; name: string; kind: string; roles: string[] };

/** The session's user, unless disabled or the session was ended (sign-out, "sign out everywhere"...). */
async function activeUser(id: string | undefined, signedInAt: unknown): Promise<SessionUser | null> {
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, kind: true, roles: true, disabled: true, sessionsValidAfter: true },
  });
  if (!user || user.disabled || !sessionIsCurrent(signedInAt, user.sessionsValidAfter)) return null;
  return { id: user.id, email: user.email, name: user.name, kind: user.kind, roles: parseRoles(user.roles) };
}

/** In route handlers. */
export async function getRequestUser(req: NextRequest): Promise<SessionUser | null> {
  const jwt = await getToken({ req, secret: getAuthSecret() }).catch(() => null);
  return activeUser(typeof jwt?.sub === "string" ? jwt.sub : undefined, jwt?.signedInAt);
}

/** In server components and pages. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions()).catch(() => null);
  const s = session as { userId?: string; signedInAt?: number } | null;
  return activeUser(s?.userId, s?.signedInAt);
}

// Who is signed in: the user behind the session cookie, reloaded from the database.
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { getAuthSecret } from "@/lib/env";
import { activeUser, type SessionUser } from "@/lib/users/service/active-user";
import { getAuthOptions } from "./next-auth";

export type { SessionUser };

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

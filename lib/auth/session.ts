// Who is signed in: the user behind the session cookie, reloaded from the database.
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { parseRoles } from "@/lib/users/roles";
import { getAuthOptions } from "./next-auth";

export type SessionUser = { id: string; email: string; name: string; kind: string; roles: string[] };

async function activeUser(id: string | undefined): Promise<SessionUser | null> {
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, kind: true, roles: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, kind: user.kind, roles: parseRoles(user.roles) };
}

/** In route handlers. */
export async function getRequestUser(req: NextRequest): Promise<SessionUser | null> {
  const jwt = await getToken({ req, secret: getAuthSecret() }).catch(() => null);
  return activeUser(typeof jwt?.sub === "string" ? jwt.sub : undefined);
}

/** In server components and pages. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions()).catch(() => null);
  return activeUser((session as { userId?: string } | null)?.userId);
}

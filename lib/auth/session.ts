// Who is signed in: the user behind the session cookie, reloaded from the database.
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { ApiRequest } from "@/lib/api-request";
import { getAuthSecret } from "@/lib/env";
import { activeUser, type SessionUser } from "@/lib/users/service/active-user";
import { getAuthOptions } from "./next-auth";

export type { SessionUser };

/** In route handlers (withAuth): next-auth reads the cookie (or a Bearer JWT) from a request of
 * Next's, made here with those two headers only (no token caller gets this far). */
export async function getRequestUser(req: Pick<ApiRequest, "headers">): Promise<SessionUser | null> {
  const read = async () => {
    const headers = new Headers(); // a value Headers refuses: no session
    for (const name of ["cookie", "authorization"]) {
      const value = req.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    return getToken({ req: new NextRequest("http://localhost/", { headers }), secret: getAuthSecret() });
  };
  const jwt = await read().catch(() => null);
  return activeUser(typeof jwt?.sub === "string" ? jwt.sub : undefined, jwt?.signedInAt);
}

/** In server components and pages. */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions()).catch(() => null);
  const s = session as { userId?: string; signedInAt?: number } | null;
  return activeUser(s?.userId, s?.signedInAt);
}

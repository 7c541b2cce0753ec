// Ending sessions: a session cookie signed in before the user's sessionsValidAfter is refused
// (sign-out, disable, admin "sign out everywhere"), and a fresh sign-in works again.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as userSessions from "@/app/api/v1/users/[id]/sessions/route";
import { getAuthOptions } from "@/lib/auth/next-auth";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { call, createAdmin, createTestUser, expectErrorShape, sessionCookie } from "./helpers";

/** A cookie from a sign-in a minute ago, i.e. before whatever the test does next. */
const earlierCookie = (u: { id: string }) => sessionCookie(u, Date.now() - 60_000);
const meWith = (cookie: string) => call(me.GET, "/api/v1/me", { headers: { cookie } });

/** The cookie next-auth makes at a real sign-in, through our jwt callback. */
async function signInCookie(u: { id: string; email: string }): Promise<string> {
  const jwt = getAuthOptions().callbacks!.jwt!;
  const token = await jwt({ token: { sub: undefined }, user: { id: u.id, email: u.email }, account: null } as never);
  return `next-auth.session-token=${await encode({ token, secret: getAuthSecret() })}`;
}

describe("ending sessions", () => {
  it("sign-out (next-auth's signOut event) refuses the old cookie; a fresh sign-in works", async () => {
    const u = await createTestUser();
    const old = await earlierCookie(u);
    expect((await meWith(old)).status).toBe(200);
    await getAuthOptions().events!.signOut!({ token: { sub: u.id, email: u.email } } as never);
    const refused = await meWith(old);
    expect(refused.status).toBe(401);
    expectErrorShape(refused.json);
    expect((await meWith(await signInCookie(u))).status).toBe(200);
    const event = await db.auditEvent.findFirst({ where: { action: "auth.sign_out", targetId: u.id } });
    expect(event).not.toBeNull();
  });

  it("disabling refuses the old cookie, also once the user is enabled again", async () => {
    const admin = await createAdmin();
    const u = await createTestUser();
    const old = await earlierCookie(u);
    const patch = (disabled: boolean) => call(user.PATCH, "/x", { method: "PATCH", as: admin, params: { id: u.id }, body: { disabled } });
    expect((await patch(true)).status).toBe(200);
    expect((await patch(false)).status).toBe(200);
    expect((await meWith(old)).status).toBe(401);
    expect((await meWith(await signInCookie(u))).status).toBe(200);
  });

  it("an admin's DELETE /api/v1/users/:id/sessions signs the user out everywhere, audited", async () => {
    const admin = await createAdmin();
    const u = await createTestUser();
    const laptop = await earlierCookie(u);
    const phone = await sessionCookie(u, Date.now() - 5_000);
    const res = await call(userSessions.DELETE, "/x", { method: "DELETE", as: admin, params: { id: u.id } });
    expect(res.status).toBe(204);
    expect((await meWith(laptop)).status).toBe(401);
    expect((await meWith(phone)).status).toBe(401);
    expect((await meWith(await signInCookie(u))).status).toBe(200);
    const event = await db.auditEvent.findFirst({ where: { action: "user.sign_out_everywhere", targetId: u.id } });
    expect(event).toMatchObject({ actorId: admin.id, targetName: u.email, outcome: "success" });
  });

  it("is admin-only, 404 for an unknown user, and refuses a cross-origin cookie call", async () => {
    const admin = await createAdmin();
    const u = await createTestUser();
    const self = await call(userSessions.DELETE, "/x", { method: "DELETE", as: u, params: { id: u.id } });
    expect(self.status).toBe(403);
    const unknown = await call(userSessions.DELETE, "/x", { method: "DELETE", as: admin, params: { id: "nope" } });
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.json);
    const cross = await call(userSessions.DELETE, "/x", { method: "DELETE", as: admin, params: { id: u.id }, origin: "https://evil.example" });
    expect(cross.status).toBe(403);
  });

  it("refuses a cookie from before this change (no sign-in time) once sessions were ended", async () => {
    const u = await createTestUser();
    const legacy = `next-auth.session-token=${await encode({ token: { sub: u.id }, secret: getAuthSecret() })}`;
    expect((await meWith(legacy)).status).toBe(200);
    await db.user.update({ where: { id: u.id }, data: { sessionsValidAfter: new Date() } });
    expect((await meWith(legacy)).status).toBe(401);
  });
});

import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { signOutEverywhere } from "@/lib/users/service";

/** "Sign out everywhere": ends every session (sign-in cookie) of the user. */
export const DELETE = withAuth("DELETE /api/v1/users/:id/sessions", async (_req, { params, audit }) => {
  await signOutEverywhere(audit, parseParams(params, idParams).id);
  return new NextResponse(null, { status: 204 });
});

import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";

export const GET = withAuth("GET /api/v1/me", async (_req, { user }) =>
  NextResponse.json({ id: user.id, email: user.email, name: user.name, kind: user.kind, roles: user.roles }),
);

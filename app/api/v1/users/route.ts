import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { createUserSchema } from "@/lib/schemas/user";
import { createUser, listUsers } from "@/lib/users/service";

export const GET = withAuth("GET /api/v1/users", async () => NextResponse.json({ users: await listUsers() }));

export const POST = withAuth("POST /api/v1/users", async (req, { audit, ip }) => {
  await rateLimits().limit("USER_CREATE", ip);
  return NextResponse.json(await createUser(audit, await parseBody(req, createUserSchema)), { status: 201 });
});

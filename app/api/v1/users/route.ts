import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody } from "@/lib/http";
import { createUserSchema } from "@/lib/schemas/user";
import { createUser, listUsers } from "@/lib/users/service";

export const GET = withAuth(async () => NextResponse.json({ users: await listUsers() }), { adminOnly: true });

export const POST = withAuth(
  async (req) => NextResponse.json(await createUser(await parseBody(req, createUserSchema)), { status: 201 }),
  { adminOnly: true },
);

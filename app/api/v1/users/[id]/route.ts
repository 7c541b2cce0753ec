import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { updateUserSchema } from "@/lib/schemas/user";
import { getUser, updateUser } from "@/lib/users/service";

export const GET = withAuth(async (_req, { params }) => NextResponse.json(await getUser(parseParams(params, idParams).id)), {
  adminOnly: true,
});

export const PATCH = withAuth(
  async (req, { params, user }) => {
    const { id } = parseParams(params, idParams);
    return NextResponse.json(await updateUser(user.id, id, await parseBody(req, updateUserSchema)));
  },
  { adminOnly: true },
);

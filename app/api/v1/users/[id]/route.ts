import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { updateUserSchema } from "@/lib/schemas/user";
import { getUser, updateUser } from "@/lib/users/service";

export const GET = withAuth("GET /api/v1/users/:id", async (_req, { params }) =>
  NextResponse.json(await getUser(parseParams(params, idParams).id)),
);

export const PATCH = withAuth("PATCH /api/v1/users/:id", async (req, { params, audit }) => {
  const { id } = parseParams(params, idParams);
  return NextResponse.json(await updateUser(audit, id, await parseBody(req, updateUserSchema)));
});

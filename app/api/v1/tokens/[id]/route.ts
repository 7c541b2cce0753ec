import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { updateTokenSchema } from "@/lib/schemas/token";
import { deleteToken, getToken, updateToken } from "@/lib/tokens/actions";

export const GET = withAuth("GET /api/v1/tokens/:id", async (_req, caller) =>
  NextResponse.json(await getToken(caller, parseParams(caller.params, idParams).id)),
);

export const PATCH = withAuth("PATCH /api/v1/tokens/:id", async (req, caller) => {
  const { id } = parseParams(caller.params, idParams);
  return NextResponse.json(await updateToken(caller, id, await parseBody(req, updateTokenSchema)));
});

export const DELETE = withAuth("DELETE /api/v1/tokens/:id", async (_req, caller) => {
  await deleteToken(caller, parseParams(caller.params, idParams).id);
  return new NextResponse(null, { status: 204 });
});

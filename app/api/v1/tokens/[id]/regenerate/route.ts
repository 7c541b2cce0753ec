import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseParams } from "@/lib/http";
import { expirySchema } from "@/lib/schemas/token";
import { idParams } from "@/lib/schemas/common";
import { regenerateToken } from "@/lib/tokens/service";

export const POST = withAuth(async (req, { user, params }) => {
  const { id } = parseParams(params, idParams);
  const result = await regenerateToken(user, id, await parseBody(req, expirySchema));
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});

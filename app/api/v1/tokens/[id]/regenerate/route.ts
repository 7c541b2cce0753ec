import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { regenerateSchema } from "@/lib/schemas/token";
import { regenerateToken } from "@/lib/tokens/actions";

export const POST = withAuth("POST /api/v1/tokens/:id/regenerate", async (req, caller) => {
  const { id } = parseParams(caller.params, idParams);
  const result = await regenerateToken(caller, id, await parseBody(req, regenerateSchema));
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});

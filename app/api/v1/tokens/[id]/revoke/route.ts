import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { revokeToken } from "@/lib/tokens/actions";

export const POST = withAuth("POST /api/v1/tokens/:id/revoke", async (_req, caller) =>
  NextResponse.json(await revokeToken(caller, parseParams(caller.params, idParams).id)),
);

import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseQuery } from "@/lib/http";
import { createTokenSchema, listTokensQuery } from "@/lib/schemas/token";
import { createToken, deleteAllTokens, listTokens } from "@/lib/tokens/actions";

export const GET = withAuth("GET /api/v1/tokens", async (req, caller) =>
  NextResponse.json(await listTokens(caller, parseQuery(req, listTokensQuery))),
);

export const POST = withAuth("POST /api/v1/tokens", async (req, caller) =>
  NextResponse.json(await createToken(caller, await parseBody(req, createTokenSchema)), {
    status: 201,
    headers: { "Cache-Control": "no-store" },
  }),
);

export const DELETE = withAuth("DELETE /api/v1/tokens", async (_req, caller) =>
  NextResponse.json({ deleted: await deleteAllTokens(caller) }),
);

import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { scopeSchema } from "@/lib/schemas/token";
import { addScope, deleteAllScopes, listScopes } from "@/lib/tokens/scopes";

export const GET = withAuth("GET /api/v1/tokens/:id/scopes", async (_req, caller) =>
  NextResponse.json(await listScopes(caller, parseParams(caller.params, idParams).id)),
);

export const POST = withAuth("POST /api/v1/tokens/:id/scopes", async (req, caller) => {
  const { id } = parseParams(caller.params, idParams);
  return NextResponse.json(await addScope(caller, id, await parseBody(req, scopeSchema)), { status: 201 });
});

export const DELETE = withAuth("DELETE /api/v1/tokens/:id/scopes", async (_req, caller) =>
  NextResponse.json({ deleted: await deleteAllScopes(caller, parseParams(caller.params, idParams).id) }),
);

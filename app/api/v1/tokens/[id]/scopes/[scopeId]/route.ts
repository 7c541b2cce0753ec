import { NextResponse } from "next/server";
import { z } from "zod";
import { withAuth } from "@/lib/auth/with-auth";
import { parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { deleteScope } from "@/lib/tokens/scopes";

const params = idParams.extend({ scopeId: idParams.shape.id });

export const DELETE = withAuth("DELETE /api/v1/tokens/:id/scopes/:scopeId", async (_req, caller) => {
  const { id, scopeId } = parseParams(caller.params, params) as z.infer<typeof params>;
  await deleteScope(caller, id, scopeId);
  return new NextResponse(null, { status: 204 });
});

import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody } from "@/lib/http";
import { getCatalog } from "@/lib/permissions/catalog";
import { isAllowed } from "@/lib/permissions/check";
import { scopeSchema } from "@/lib/schemas/token";

/** For other services: may the caller (usually a token) do this? */
export const POST = withAuth("POST /api/v1/permissions/check", async (req, { user, token }) => {
  const { entity, operation, entityId } = await parseBody(req, scopeSchema);
  const id = entityId && entityId !== "*" ? entityId : undefined;
  return NextResponse.json({ allowed: isAllowed(getCatalog(), user.roles, token, { entity, operation, entityId: id }) });
});

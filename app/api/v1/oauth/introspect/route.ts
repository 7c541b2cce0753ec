import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { introspect } from "@/lib/authority/introspect";
import { parseFormOrJson, publicOrigin } from "@/lib/http";
import { tokenBodySchema } from "@/lib/schemas/oauth";

/** RFC 7662, for callers holding the introspection:read permission (admins, role "introspector"). */
export const POST = withAuth("POST /api/v1/oauth/introspect", async (req) => {
  const { token } = await parseFormOrJson(req, tokenBodySchema);
  return NextResponse.json(await introspect(token, publicOrigin()), { headers: { "Cache-Control": "no-store" } });
});

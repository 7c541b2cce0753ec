import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { introspect } from "@/lib/authority/introspect";
import { parseFormOrJson, publicOrigin } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { tokenBodySchema } from "@/lib/schemas/oauth";

/** RFC 7662, for callers holding the introspection:read permission (admins, role "introspector"). */
export const POST = withAuth("POST /api/v1/oauth/introspect", async (req, { ip }) => {
  await rateLimits().limit("OAUTH", ip);
  const { token } = await parseFormOrJson(req, tokenBodySchema);
  return NextResponse.json(await introspect(token, publicOrigin(req)), { headers: { "Cache-Control": "no-store" } });
});

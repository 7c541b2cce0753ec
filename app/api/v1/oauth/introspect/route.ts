import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { introspect } from "@/lib/authority/introspect";
import { oauthErrorResponse } from "@/lib/authority/oauth-errors";
import { parseFormOrJson, publicOrigin } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { tokenBodySchema } from "@/lib/schemas/oauth";

/** RFC 7662, for callers holding the introspection:read permission (admins, role "introspector"):
 * HTTP Basic (client_secret_basic, the PAT as password), Bearer, or the console's session. */
export const POST = withAuth(
  "POST /api/v1/oauth/introspect",
  async (req, { ip }) => {
    await rateLimits().limit("OAUTH", ip);
    const { token } = await parseFormOrJson(req, tokenBodySchema);
    return NextResponse.json(await introspect(token, publicOrigin()), { headers: { "Cache-Control": "no-store" } });
  },
  oauthErrorResponse,
);

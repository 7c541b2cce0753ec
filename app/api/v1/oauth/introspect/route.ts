import { NextResponse, type NextRequest } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { clientSecretPostAsBasic } from "@/lib/authority/client-auth";
import { introspect } from "@/lib/authority/introspect";
import { oauthErrorResponse } from "@/lib/authority/oauth-errors";
import { parseFormOrJson, publicOrigin } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { tokenBodySchema } from "@/lib/schemas/oauth";

/** RFC 7662, for callers holding the introspection:read permission (admins, role "introspector"):
 * the PAT as client secret (client_secret_basic or client_secret_post), Bearer, X-Personal-Token,
 * or the console's session. */
const introspection = withAuth(
  "POST /api/v1/oauth/introspect",
  async (req, { ip }) => {
    await rateLimits().limit("OAUTH", ip);
    const { token } = await parseFormOrJson(req, tokenBodySchema);
    return NextResponse.json(await introspect(token, publicOrigin()), { headers: { "Cache-Control": "no-store" } });
  },
  oauthErrorResponse,
);

export async function POST(req: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) {
  let request: NextRequest;
  try {
    request = await clientSecretPostAsBasic(req);
  } catch (error) {
    return oauthErrorResponse(error);
  }
  return introspection(request, context);
}

import { NextResponse, type NextRequest } from "next/server";
import { oauthErrorResponse } from "@/lib/authority/oauth-errors";
import { revokeAny } from "@/lib/authority/revoke";
import { clientIp, parseFormOrJson, publicOrigin } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { tokenBodySchema } from "@/lib/schemas/oauth";

/** RFC 7009: whoever holds a (leaked) token, PAT or exchanged JWT, can revoke it. 200 whether or not it existed. */
export async function POST(req: NextRequest) {
  try {
    await rateLimits().limit("OAUTH", clientIp(req.headers));
    const { token } = await parseFormOrJson(req, tokenBodySchema);
    await revokeAny(token, publicOrigin(), { actorId: null, actorEmail: null, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") });
    return new NextResponse(null, { status: 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}

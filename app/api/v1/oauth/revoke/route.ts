import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/errors";
import { clientIp, parseFormOrJson } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { tokenBodySchema } from "@/lib/schemas/oauth";
import { revokeBySecret } from "@/lib/tokens/actions";

/** RFC 7009: whoever holds a (leaked) token can revoke it. 200 whether or not it existed. */
export async function POST(req: NextRequest) {
  try {
    await rateLimits().limit("OAUTH", clientIp(req.headers));
    const { token } = await parseFormOrJson(req, tokenBodySchema);
    await revokeBySecret(token, { actorId: null, actorEmail: null, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") });
    return new NextResponse(null, { status: 200 });
  } catch (error) {
    return errorResponse(error);
  }
}

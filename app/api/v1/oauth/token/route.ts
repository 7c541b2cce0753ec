import { NextResponse, type NextRequest } from "next/server";
import { exchangeToken } from "@/lib/authority/exchange";
import { errorResponse } from "@/lib/errors";
import { clientIp, parseFormOrJson, publicOrigin } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { exchangeSchema } from "@/lib/schemas/oauth";

/** RFC 8693 token exchange: the personal access token is the subject_token. */
export async function POST(req: NextRequest) {
  try {
    await rateLimits().limit("OAUTH", clientIp(req.headers));
    const input = await parseFormOrJson(req, exchangeSchema);
    const result = await exchangeToken(input, publicOrigin(req), clientIp(req.headers));
    return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

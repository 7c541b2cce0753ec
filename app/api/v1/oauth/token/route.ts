import { NextResponse, type NextRequest } from "next/server";
import { exchangeToken } from "@/lib/authority/exchange";
import { oauthErrorResponse } from "@/lib/authority/oauth-errors";
import { clientIp, parseFormOrJson, publicOrigin } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { oauthFieldsSchema } from "@/lib/schemas/oauth";

/** RFC 8693 token exchange: the personal access token is the subject_token. */
export async function POST(req: NextRequest) {
  try {
    await rateLimits().limit("OAUTH", clientIp(req.headers));
    const body = await parseFormOrJson(req, oauthFieldsSchema);
    const result = await exchangeToken(body, publicOrigin(), clientIp(req.headers));
    return NextResponse.json(result, { headers: { "Cache-Control": "no-store", Pragma: "no-cache" } });
  } catch (error) {
    return oauthErrorResponse(error);
  }
}

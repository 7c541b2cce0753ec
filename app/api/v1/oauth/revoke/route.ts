import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { revokeBySecret } from "@/lib/authority/introspect";
import { errorResponse } from "@/lib/errors";
import { clientIp, parseFormOrJson } from "@/lib/http";

const schema = z.object({ token: z.string({ error: "token is required" }).min(1, "token is required").max(4096), token_type_hint: z.string().optional() });

/** RFC 7009: whoever holds a (leaked) token can revoke it. 200 whether or not it existed. */
export async function POST(req: NextRequest) {
  try {
    const { token } = await parseFormOrJson(req, schema);
    await revokeBySecret(token, { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") });
    return new NextResponse(null, { status: 200 });
  } catch (error) {
    return errorResponse(error);
  }
}

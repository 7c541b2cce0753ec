// Leaked-token reports from secret-scanning services (GitHub's partner program format). No
// session or token: the report's signature is its authentication (lib/secret-scanning).
import { NextResponse, type NextRequest } from "next/server";
import { errorResponse } from "@/lib/errors";
import { clientIp, readBodyBytes } from "@/lib/http";
import { handleLeakReport, REPORT_MAX_BYTES } from "@/lib/secret-scanning/service";

export async function POST(req: NextRequest) {
  try {
    const body = await readBodyBytes(req, REPORT_MAX_BYTES); // the signature is over these bytes, not a decoding of them
    const meta = { actorId: null, actorEmail: "secret-scanning", ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") };
    const answer = await handleLeakReport(body, req.headers.get("github-public-key-identifier"), req.headers.get("github-public-key-signature"), meta);
    return NextResponse.json(answer);
  } catch (error) {
    return errorResponse(error);
  }
}

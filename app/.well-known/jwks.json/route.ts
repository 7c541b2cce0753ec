import { NextResponse } from "next/server";
import { publicJwks } from "@/lib/authority/keys";

export const dynamic = "force-dynamic";

/** The keys that verify access tokens from the token exchange (also at /api/v1/oauth/jwks). */
export async function GET() {
  return NextResponse.json(await publicJwks(), { headers: { "Cache-Control": "public, max-age=300" } });
}

import { NextResponse } from "next/server";
import { publicJwks } from "@/lib/authority/keys";
import { JWKS_MAX_AGE_SECONDS } from "@/lib/authority/metadata";

export const dynamic = "force-dynamic";

export async function GET() {
  return NextResponse.json(await publicJwks(), { headers: { "Cache-Control": `public, max-age=${JWKS_MAX_AGE_SECONDS}` } });
}

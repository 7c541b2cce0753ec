// RFC 9728 metadata of the console's API as a protected resource, from lib/authority/metadata.ts.
import { NextResponse, type NextRequest } from "next/server";
import { protectedResourceMetadata } from "@/lib/authority/metadata";
import { publicOrigin } from "@/lib/http";

export const dynamic = "force-dynamic";

export function GET(req: NextRequest) {
  return NextResponse.json(protectedResourceMetadata(publicOrigin()), { headers: { "Cache-Control": "public, max-age=300" } });
}

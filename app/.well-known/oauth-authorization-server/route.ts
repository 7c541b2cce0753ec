// RFC 8414 discovery: built from the same description the endpoints follow (lib/authority/metadata.ts).
import { NextResponse, type NextRequest } from "next/server";
import { authorizationServerMetadata } from "@/lib/authority/metadata";
import { publicOrigin } from "@/lib/http";

export const dynamic = "force-dynamic";

export function GET(req: NextRequest) {
  return NextResponse.json(authorizationServerMetadata(publicOrigin()), { headers: { "Cache-Control": "public, max-age=300" } });
}

// The API's OpenAPI 3.1 description (lib/openapi.ts), public and cacheable: it holds no data.
import { NextResponse } from "next/server";
import { publicOrigin } from "@/lib/http";
import { buildOpenApiDocument } from "@/lib/openapi";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json(buildOpenApiDocument(publicOrigin()), { headers: { "Cache-Control": "public, max-age=300" } });
}

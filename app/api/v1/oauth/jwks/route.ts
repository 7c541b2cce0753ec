import { NextResponse } from "next/server";
import { publicJwks } from "@/lib/authority/keys";

export const dynamic = "force-dynamic";

export async function GET() {
  return NextResponse.json(await publicJwks(), { headers: { "Cache-Control": "public, max-age=300" } });
}

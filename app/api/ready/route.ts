// Readiness (GET /api/health stays the liveness check): may a load balancer send traffic here?
// 200 when the database answers and, on PostgreSQL, the token cache-sync LISTEN connection is
// up; 503 naming the failing check otherwise, and while the server drains at shutdown. No auth.
import { NextResponse } from "next/server";
import { readiness } from "@/lib/readiness/service";

export const dynamic = "force-dynamic";

export async function GET() {
  const { ready, body } = await readiness();
  return NextResponse.json(body, { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

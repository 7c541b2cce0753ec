import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { ApiError, errorBody } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Liveness with the database: 200 { status: "ok" }, or 503 { status: "unavailable", error }. */
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok" });
  } catch {
    const error = new ApiError("service_unavailable", "The database is unreachable");
    return NextResponse.json({ status: "unavailable", ...errorBody(error) }, { status: error.status, headers: error.headers });
  }
}

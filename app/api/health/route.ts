import { ApiError, errorBody } from "@/lib/errors";
import { pingDatabase } from "@/lib/readiness/sql";

export const dynamic = "force-dynamic";

/** Liveness with the database (one SELECT 1 on the driver, lib/readiness/sql.ts): 200 { status: "ok" },
 * or 503 { status: "unavailable", error }. */
export async function GET() {
  try {
    await pingDatabase();
    return Response.json({ status: "ok" });
  } catch {
    const error = new ApiError("service_unavailable", "The database is unreachable");
    return Response.json({ status: "unavailable", ...errorBody(error) }, { status: error.status, headers: error.headers });
  }
}

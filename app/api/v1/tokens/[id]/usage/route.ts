import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseParams, parseQuery } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { usageQuery } from "@/lib/schemas/token";
import { getTokenUsage } from "@/lib/tokens/usage-history";

export const GET = withAuth("GET /api/v1/tokens/:id/usage", async (req, caller) => {
  const { id } = parseParams(caller.params, idParams);
  const { days } = parseQuery(req, usageQuery);
  return NextResponse.json(await getTokenUsage(caller, id, days));
});

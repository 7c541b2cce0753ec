import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { listAuditEvents } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { parseQuery } from "@/lib/http";

/** My own events: what I did and what was done to my account and tokens. */
export const GET = withAuth("GET /api/v1/me/audit", async (req, { user }) =>
  NextResponse.json(await listAuditEvents(parseQuery(req, auditQuerySchema), user.id)),
);

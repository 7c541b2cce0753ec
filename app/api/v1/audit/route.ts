import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { listAuditEvents } from "@/lib/audit/query";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { parseQuery } from "@/lib/http";

export const GET = withAuth("GET /api/v1/audit", async (req) => NextResponse.json(await listAuditEvents(parseQuery(req, auditQuerySchema))));

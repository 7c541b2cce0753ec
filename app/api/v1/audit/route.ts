import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/query";
import { parseQuery } from "@/lib/http";

export const GET = withAuth("GET /api/v1/audit", async (req) => NextResponse.json(await listAuditEvents(parseQuery(req, auditQuerySchema))));

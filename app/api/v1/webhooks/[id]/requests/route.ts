import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseParams } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { listRequests } from "@/lib/webhooks/service";

export const GET = withAuth("GET /api/v1/webhooks/:id/requests", async (_req, { params }) =>
  NextResponse.json({ requests: await listRequests(parseParams(params, idParams).id) }),
);

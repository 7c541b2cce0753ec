import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, publicOrigin } from "@/lib/http";
import { createWebhookSchema } from "@/lib/schemas/webhook";
import { createWebhook, listWebhooks } from "@/lib/webhooks/service";

export const GET = withAuth("GET /api/v1/webhooks", async () => NextResponse.json({ webhooks: await listWebhooks(publicOrigin()) }));

export const POST = withAuth("POST /api/v1/webhooks", async (req, { audit }) =>
  NextResponse.json(await createWebhook(audit, await parseBody(req, createWebhookSchema), publicOrigin()), { status: 201 }),
);

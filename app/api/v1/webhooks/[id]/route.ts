import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody, parseParams, publicOrigin } from "@/lib/http";
import { idParams } from "@/lib/schemas/common";
import { updateWebhookSchema } from "@/lib/schemas/webhook";
import { deleteWebhook, getWebhook, updateWebhook } from "@/lib/webhooks/service";

export const GET = withAuth("GET /api/v1/webhooks/:id", async (_req, { params }) =>
  NextResponse.json(await getWebhook(parseParams(params, idParams).id, publicOrigin())),
);

export const PATCH = withAuth("PATCH /api/v1/webhooks/:id", async (req, { params, audit }) => {
  const { id } = parseParams(params, idParams);
  return NextResponse.json(await updateWebhook(audit, id, await parseBody(req, updateWebhookSchema), publicOrigin()));
});

export const DELETE = withAuth("DELETE /api/v1/webhooks/:id", async (_req, { params, audit }) => {
  await deleteWebhook(audit, parseParams(params, idParams).id);
  return new NextResponse(null, { status: 204 });
});

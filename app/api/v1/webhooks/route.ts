import { handlerOf } from "@/lib/api/handler";
import { createWebhookOp, listWebhooksOp } from "@/lib/api/operations/webhooks";

export const GET = handlerOf(listWebhooksOp);
export const POST = handlerOf(createWebhookOp);

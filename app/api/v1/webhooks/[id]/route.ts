import { handlerOf } from "@/lib/api/handler";
import { deleteWebhookOp, getWebhookOp, updateWebhookOp } from "@/lib/api/operations/webhooks";

export const GET = handlerOf(getWebhookOp);
export const PATCH = handlerOf(updateWebhookOp);
export const DELETE = handlerOf(deleteWebhookOp);

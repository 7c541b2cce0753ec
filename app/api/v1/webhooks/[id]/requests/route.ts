import { handlerOf } from "@/lib/api/handler";
import { webhookRequestsOp } from "@/lib/api/operations/webhooks";

export const GET = handlerOf(webhookRequestsOp);

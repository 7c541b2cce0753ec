import { handlerOf } from "@/lib/api/handler";
import { deviceAuthorizationOp } from "@/lib/api/operations/oauth";

export const POST = handlerOf(deviceAuthorizationOp);

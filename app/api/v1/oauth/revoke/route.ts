import { handlerOf } from "@/lib/api/handler";
import { revokeOp } from "@/lib/api/operations/oauth";

export const POST = handlerOf(revokeOp);

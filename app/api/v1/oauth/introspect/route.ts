import { handlerOf } from "@/lib/api/handler";
import { introspectOp } from "@/lib/api/operations/oauth";

export const POST = handlerOf(introspectOp);

import { handlerOf } from "@/lib/api/handler";
import { checkOp } from "@/lib/api/operations/me";

export const POST = handlerOf(checkOp);

import { handlerOf } from "@/lib/api/handler";
import { rotateSelfOp } from "@/lib/api/operations/tokens";

export const POST = handlerOf(rotateSelfOp);

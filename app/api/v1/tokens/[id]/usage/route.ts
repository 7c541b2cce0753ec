import { handlerOf } from "@/lib/api/handler";
import { tokenUsageOp } from "@/lib/api/operations/tokens";

export const GET = handlerOf(tokenUsageOp);

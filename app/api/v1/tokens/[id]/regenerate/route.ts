import { handlerOf } from "@/lib/api/handler";
import { regenerateTokenOp } from "@/lib/api/operations/tokens";

export const POST = handlerOf(regenerateTokenOp);

import { handlerOf } from "@/lib/api/handler";
import { revokeTokenOp } from "@/lib/api/operations/tokens";

export const POST = handlerOf(revokeTokenOp);

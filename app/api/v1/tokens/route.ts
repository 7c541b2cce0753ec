import { handlerOf } from "@/lib/api/handler";
import { createTokenOp, deleteAllTokensOp, listTokensOp } from "@/lib/api/operations/tokens";

export const GET = handlerOf(listTokensOp);
export const POST = handlerOf(createTokenOp);
export const DELETE = handlerOf(deleteAllTokensOp);

import { handlerOf } from "@/lib/api/handler";
import { deleteTokenOp, getTokenOp, updateTokenOp } from "@/lib/api/operations/tokens";

export const GET = handlerOf(getTokenOp);
export const PATCH = handlerOf(updateTokenOp);
export const DELETE = handlerOf(deleteTokenOp);

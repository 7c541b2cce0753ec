import { handlerOf } from "@/lib/api/handler";
import { unusedTokensOp } from "@/lib/api/operations/admin";

export const GET = handlerOf(unusedTokensOp);

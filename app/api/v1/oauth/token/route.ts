import { handlerOf } from "@/lib/api/handler";
import { exchangeOp } from "@/lib/api/operations/oauth";

export const POST = handlerOf(exchangeOp);

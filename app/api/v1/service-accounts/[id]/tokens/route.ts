import { handlerOf } from "@/lib/api/handler";
import { createAccountTokenOp, listAccountTokensOp } from "@/lib/api/operations/service-accounts";

export const GET = handlerOf(listAccountTokensOp);
export const POST = handlerOf(createAccountTokenOp);

import { handlerOf } from "@/lib/api/handler";
import { createServiceAccountOp, listServiceAccountsOp } from "@/lib/api/operations/service-accounts";

export const GET = handlerOf(listServiceAccountsOp);
export const POST = handlerOf(createServiceAccountOp);

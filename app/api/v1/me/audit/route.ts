import { handlerOf } from "@/lib/api/handler";
import { myAuditOp } from "@/lib/api/operations/me";

export const GET = handlerOf(myAuditOp);

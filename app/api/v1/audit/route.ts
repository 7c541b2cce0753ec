import { handlerOf } from "@/lib/api/handler";
import { auditOp } from "@/lib/api/operations/admin";

export const GET = handlerOf(auditOp);

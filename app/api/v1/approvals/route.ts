import { handlerOf } from "@/lib/api/handler";
import { listApprovalsOp } from "@/lib/api/operations/approvals";

export const GET = handlerOf(listApprovalsOp);

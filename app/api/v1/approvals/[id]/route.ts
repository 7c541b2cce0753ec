import { handlerOf } from "@/lib/api/handler";
import { decideApprovalOp } from "@/lib/api/operations/approvals";

export const POST = handlerOf(decideApprovalOp);

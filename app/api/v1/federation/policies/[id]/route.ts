import { handlerOf } from "@/lib/api/handler";
import { deleteFederationPolicyOp, getFederationPolicyOp, updateFederationPolicyOp } from "@/lib/api/operations/federation";

export const GET = handlerOf(getFederationPolicyOp);
export const PATCH = handlerOf(updateFederationPolicyOp);
export const DELETE = handlerOf(deleteFederationPolicyOp);

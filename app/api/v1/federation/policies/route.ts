import { handlerOf } from "@/lib/api/handler";
import { createFederationPolicyOp, listFederationPoliciesOp } from "@/lib/api/operations/federation";

export const GET = handlerOf(listFederationPoliciesOp);
export const POST = handlerOf(createFederationPolicyOp);

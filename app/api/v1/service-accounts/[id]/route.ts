import { handlerOf } from "@/lib/api/handler";
import { deleteServiceAccountOp, getServiceAccountOp, updateServiceAccountOp } from "@/lib/api/operations/service-accounts";

export const GET = handlerOf(getServiceAccountOp);
export const PATCH = handlerOf(updateServiceAccountOp);
export const DELETE = handlerOf(deleteServiceAccountOp);

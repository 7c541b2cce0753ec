import { handlerOf } from "@/lib/api/handler";
import { scimGroupRolesOp } from "@/lib/api/operations/admin";

export const PUT = handlerOf(scimGroupRolesOp);

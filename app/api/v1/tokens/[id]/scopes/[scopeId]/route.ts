import { handlerOf } from "@/lib/api/handler";
import { deleteScopeOp } from "@/lib/api/operations/scopes";

export const DELETE = handlerOf(deleteScopeOp);

import { handlerOf } from "@/lib/api/handler";
import { addScopeOp, deleteAllScopesOp, listScopesOp } from "@/lib/api/operations/scopes";

export const GET = handlerOf(listScopesOp);
export const POST = handlerOf(addScopeOp);
export const DELETE = handlerOf(deleteAllScopesOp);

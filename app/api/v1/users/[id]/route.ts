import { handlerOf } from "@/lib/api/handler";
import { getUserOp, updateUserOp } from "@/lib/api/operations/users";

export const GET = handlerOf(getUserOp);
export const PATCH = handlerOf(updateUserOp);

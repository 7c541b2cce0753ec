import { handlerOf } from "@/lib/api/handler";
import { createUserOp, listUsersOp } from "@/lib/api/operations/users";

export const GET = handlerOf(listUsersOp);
export const POST = handlerOf(createUserOp);

import { handlerOf } from "@/lib/api/handler";
import { signOutEverywhereOp } from "@/lib/api/operations/users";

export const DELETE = handlerOf(signOutEverywhereOp);

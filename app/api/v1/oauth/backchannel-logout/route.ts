import { handlerOf } from "@/lib/api/handler";
import { backChannelLogoutOp } from "@/lib/api/operations/oauth";

export const POST = handlerOf(backChannelLogoutOp);

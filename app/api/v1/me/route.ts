import { handlerOf } from "@/lib/api/handler";
import { meOp } from "@/lib/api/operations/me";

export const GET = handlerOf(meOp);

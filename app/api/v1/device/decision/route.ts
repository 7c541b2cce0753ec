import { handlerOf } from "@/lib/api/handler";
import { decideDeviceOp } from "@/lib/api/operations/device";

export const POST = handlerOf(decideDeviceOp);

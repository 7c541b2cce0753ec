import { handlerOf } from "@/lib/api/handler";
import { lookupDeviceOp } from "@/lib/api/operations/device";

export const POST = handlerOf(lookupDeviceOp);

import { handlerOf } from "@/lib/api/handler";
import { getSettingsOp, updateSettingsOp } from "@/lib/api/operations/admin";

export const GET = handlerOf(getSettingsOp);
export const PUT = handlerOf(updateSettingsOp);

import { handlerOf } from "@/lib/api/handler";
import { scimOverviewOp } from "@/lib/api/operations/admin";

export const GET = handlerOf(scimOverviewOp);

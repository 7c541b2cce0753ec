import { handlerOf } from "@/lib/api/handler";
import { catalogOp } from "@/lib/api/operations/me";

export const GET = handlerOf(catalogOp);

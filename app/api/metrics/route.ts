import { handlerOf } from "@/lib/api/handler";
import { metricsOp } from "@/lib/api/operations/admin";

export const dynamic = "force-dynamic";

export const GET = handlerOf(metricsOp);

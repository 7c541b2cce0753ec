import { handlerOf } from "@/lib/api/handler";
import { jwksOp } from "@/lib/api/operations/oauth";

export const dynamic = "force-dynamic";

export const GET = handlerOf(jwksOp);

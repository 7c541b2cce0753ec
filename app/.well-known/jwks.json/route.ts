import { handlerOf } from "@/lib/api/handler";
import { wellKnownJwksOp } from "@/lib/api/operations/oauth";

export const dynamic = "force-dynamic";

export const GET = handlerOf(wellKnownJwksOp);

import { handlerOf } from "@/lib/api/handler";
import { protectedResourceMetadataOp } from "@/lib/api/operations/oauth";

export const dynamic = "force-dynamic";

export const GET = handlerOf(protectedResourceMetadataOp);

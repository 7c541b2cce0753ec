import { handlerOf } from "@/lib/api/handler";
import { listSigningKeysOp, rotateSigningKeyOp } from "@/lib/api/operations/admin";

export const GET = handlerOf(listSigningKeysOp);
export const POST = handlerOf(rotateSigningKeyOp);

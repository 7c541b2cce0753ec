import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { tokenCache } from "../cache";
import { metaOf, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";

/** Every token of the caller's. */
export async function deleteAllTokens(caller: Caller): Promise<number> {
  withinCaller(caller, {}); // nothing handed out: only the replaced-secret rule applies
  const ownerId = caller.user.id;
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.token.deleteMany({ where: { userId: ownerId } });
    await recordAudit(tx, metaOf(caller), { action: "token.delete_all", targetType: "token", ownerId, details: { deleted: count } });
    return count;
  });
  await tokenCache.invalidateUser(ownerId);
  return count;
}

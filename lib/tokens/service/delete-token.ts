import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { tokenCache } from "../cache";
import { findAccessible } from "./access";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";

/** The owner's, or for an admin anyone's. */
export async function deleteToken(caller: Caller, id: string): Promise<void> {
  withinCaller(caller, {}); // nothing handed out: only the replaced-secret rule applies
  const token = await findAccessible(caller, id);
  await db.$transaction(async (tx) => {
    const { count } = await tx.token.deleteMany({ where: { id, userId: token.userId } });
    if (count === 0) throw notFound("Token");
    await recordAudit(tx, metaOf(caller), tokenEvent("token.delete", token));
  });
  await tokenCache.invalidateToken(id);
}

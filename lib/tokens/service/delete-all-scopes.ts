import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { tokenCache } from "../cache";
import { findForOwner } from "./access";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";

/** Leaves the token with no permission at all (it does not fall back to "all"). */
export async function deleteAllScopes(caller: Caller, id: string): Promise<number> {
  withinCaller(caller, {}); // nothing handed out: only the replaced-secret rule applies
  const token = await findForOwner(caller, id, "change the scopes of");
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.tokenScope.deleteMany({ where: { tokenId: id } });
    await tx.token.update({ where: { id }, data: { allPermissions: false } });
    await recordAudit(tx, metaOf(caller), tokenEvent("token.scope_delete_all", token, { deleted: count, hadAllPermissions: token.allPermissions }));
    return count;
  });
  await tokenCache.invalidateToken(id);
  return count;
}

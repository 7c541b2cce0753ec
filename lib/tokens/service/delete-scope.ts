import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { tokenCache } from "../cache";
import { findForOwner } from "./access";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";

export async function deleteScope(caller: Caller, id: string, scopeId: string): Promise<void> {
  withinCaller(caller, {}); // nothing handed out: only the replaced-secret rule applies
  const token = await findForOwner(caller, id, "change the scopes of");
  const scope = token.scopes.find((s) => s.id === scopeId);
  if (!scope) throw notFound("Scope");
  await db.$transaction(async (tx) => {
    await tx.tokenScope.deleteMany({ where: { id: scopeId, tokenId: id } });
    const { entity, operation, entityId } = scope;
    await recordAudit(tx, metaOf(caller), tokenEvent("token.scope_delete", token, { scope: { entity, operation, entityId } }));
  });
  await tokenCache.invalidateToken(id);
}

// One more scope on a token (the owner only); through a token, only a scope the caller holds.
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { getCatalog } from "@/lib/permissions/catalog";
import { normalizeScopes } from "@/lib/permissions/validate";
import { MAX_SCOPES, type ScopeInput, type ScopeResponse } from "@/lib/schemas/token";
import { tokenCache } from "../cache";
import { withScopes } from "../response";
import { findForOwner } from "./access";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";

export async function addScope(caller: Caller, id: string, input: ScopeInput): Promise<ScopeResponse> {
  withinCaller(caller, {}); // nothing handed out: only the replaced-secret rule applies
  const token = await findForOwner(caller, id, "change the scopes of");
  if (token.allPermissions) {
    throw conflict("This token has all permissions. Delete all its scopes first to select permissions one by one.");
  }
  const [scope] = normalizeScopes(getCatalog(), caller.user.roles, caller.token, [input]);
  const existing = token.scopes.find((s) => s.entity === scope.entity && s.operation === scope.operation && s.entityId === scope.entityId);
  if (existing) throw conflict("The token already has this scope");
  const full = () => conflict(`A token holds at most ${MAX_SCOPES} scopes. Delete one first.`);
  if (token.scopes.length >= MAX_SCOPES) throw full();
  const { select } = withScopes.scopes;
  const created = await db.$transaction(async (tx) => {
    // Counted again under the token row's lock (the no-op update takes it), so that adds at the
    // same moment count one after the other and can't pass the limit together.
    await tx.token.update({ where: { id }, data: { allPermissions: false } });
    if ((await tx.tokenScope.count({ where: { tokenId: id } })) >= MAX_SCOPES) throw full();
    const row = await tx.tokenScope.create({ data: { tokenId: id, ...scope }, select });
    await recordAudit(tx, metaOf(caller), tokenEvent("token.scope_add", token, { scope }));
    return row;
  });
  tokenCache.invalidateToken(id);
  return created;
}

// The scopes of one token: add one, delete one, delete all (the owner only).
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { getCatalog } from "@/lib/permissions/catalog";
import { normalizeScopes } from "@/lib/permissions/validate";
import { MAX_SCOPES, type ScopeInput, type ScopeResponse } from "@/lib/schemas/token";
import { findAccessible, findForOwner, metaOf, tokenEvent, type Caller } from "./actions";
import { tokenCache } from "./cache";
import { withScopes } from "./response";

export async function listScopes(caller: Caller, id: string): Promise<{ allPermissions: boolean; scopes: ScopeResponse[] }> {
  const token = await findAccessible(caller, id);
  return { allPermissions: token.allPermissions, scopes: token.scopes };
}

export async function addScope(caller: Caller, id: string, input: ScopeInput): Promise<ScopeResponse> {
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

export async function deleteScope(caller: Caller, id: string, scopeId: string): Promise<void> {
  const token = await findForOwner(caller, id, "change the scopes of");
  const scope = token.scopes.find((s) => s.id === scopeId);
  if (!scope) throw notFound("Scope");
  await db.$transaction(async (tx) => {
    await tx.tokenScope.deleteMany({ where: { id: scopeId, tokenId: id } });
    const { entity, operation, entityId } = scope;
    await recordAudit(tx, metaOf(caller), tokenEvent("token.scope_delete", token, { scope: { entity, operation, entityId } }));
  });
  tokenCache.invalidateToken(id);
}

/** Leaves the token with no permission at all (it does not fall back to "all"). */
export async function deleteAllScopes(caller: Caller, id: string): Promise<number> {
  const token = await findForOwner(caller, id, "change the scopes of");
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.tokenScope.deleteMany({ where: { tokenId: id } });
    await tx.token.update({ where: { id }, data: { allPermissions: false } });
    await recordAudit(tx, metaOf(caller), tokenEvent("token.scope_delete_all", token, { deleted: count, hadAllPermissions: token.allPermissions }));
    return count;
  });
  tokenCache.invalidateToken(id);
  return count;
}

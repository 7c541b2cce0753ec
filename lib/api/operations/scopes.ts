// A token's scopes: list, add, delete one or all (the owner only changes them).
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { scopeSchema } from "@/lib/schemas/token";
import { addScope } from "@/lib/tokens/service/add-scope";
import { deleteAllScopes } from "@/lib/tokens/service/delete-all-scopes";
import { deleteScope } from "@/lib/tokens/service/delete-scope";
import { listScopes } from "@/lib/tokens/service/list-scopes";
import { actingFor } from "@/lib/tokens/service/access";

const tag = "Scopes";

export const listScopesOp = defineOperation({
  method: "GET",
  path: "/api/v1/tokens/:id/scopes",
  permission: "tokens:read",
  tag,
  summary: "List a token's scopes",
  responses: { 200: { description: "The scopes", schema: COMPONENTS.ScopeList } },
  run: async ({ caller, input }) => ({ status: 200, body: await listScopes(await actingFor(caller, input.params.id), input.params.id) }),
});

export const addScopeOp = defineOperation({
  method: "POST",
  path: "/api/v1/tokens/:id/scopes",
  permission: "tokens:update",
  tag,
  summary: "Add a scope",
  input: { body: scopeSchema },
  example: { entity: "tokens", operation: "read" },
  description:
    "A scope that makes the approval policy hold the token back (as it would a new token with these scopes) puts it back to pending: its secret is refused until an approver approves it again, and `approval` says so.",
  responses: { 201: { description: "The new scope, and the token's approval after it", schema: COMPONENTS.ScopeAdded } },
  run: async ({ caller, input }) => ({ status: 201, body: await addScope(await actingFor(caller, input.params.id), input.params.id, input.body) }),
});

export const deleteAllScopesOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/tokens/:id/scopes",
  permission: "tokens:update",
  tag,
  summary: "Delete all of a token's scopes",
  responses: { 200: { description: "How many were deleted", schema: COMPONENTS.Deleted } },
  run: async ({ caller, input }) => ({ status: 200, body: { deleted: await deleteAllScopes(await actingFor(caller, input.params.id), input.params.id) } }),
});

export const deleteScopeOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/tokens/:id/scopes/:scopeId",
  permission: "tokens:update",
  tag,
  summary: "Delete one scope",
  responses: { 204: { description: "Deleted" } },
  run: async ({ caller, input }) => {
    await deleteScope(await actingFor(caller, input.params.id), input.params.id, input.params.scopeId);
    return { status: 204, body: null };
  },
});

export const SCOPE_OPERATIONS = [listScopesOp, addScopeOp, deleteAllScopesOp, deleteScopeOp] as const;

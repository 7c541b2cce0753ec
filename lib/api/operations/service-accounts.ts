// Service accounts: admins create, rename, disable and delete them; their managers (and admins)
// read them and create and list their tokens. Every other token verb is the tokens' own route
// (/api/v1/tokens/:id...), where a manager acts for the account (lib/tokens/service/access.ts).
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { createServiceAccountSchema, updateServiceAccountSchema } from "@/lib/schemas/service-account";
import { createTokenSchema, listTokensQuery } from "@/lib/schemas/token";
import { createAccountToken, listAccountTokens } from "@/lib/service-accounts/service/account-tokens";
import { createServiceAccount } from "@/lib/service-accounts/service/create-service-account";
import { deleteServiceAccount } from "@/lib/service-accounts/service/delete-service-account";
import { getServiceAccount, listServiceAccounts } from "@/lib/service-accounts/service/list-service-accounts";
import { updateServiceAccount } from "@/lib/service-accounts/service/update-service-account";

const tag = "Service accounts";
/** Answers that carry a secret are never cached. */
const NO_STORE = { "Cache-Control": "no-store" };
const accountTokensQuery = listTokensQuery.pick({ status: true, cursor: true, limit: true }).strict();

export const listServiceAccountsOp = defineOperation({
  method: "GET",
  path: "/api/v1/service-accounts",
  permission: "tokens:list",
  tag,
  summary: "List service accounts",
  description: "Admins: every service account; anyone else: those they manage. needsManager flags an account with no active manager.",
  responses: { 200: { description: "The service accounts", schema: COMPONENTS.ServiceAccountList } },
  run: async ({ caller }) => ({ status: 200, body: { serviceAccounts: await listServiceAccounts(caller) } }),
});

export const createServiceAccountOp = defineOperation({
  method: "POST",
  path: "/api/v1/service-accounts",
  permission: "service_accounts:create",
  tag,
  summary: "Create a service account",
  description: "name: a handle such as deploy-bot (unique); roles: what its tokens may do at most; managers: emails of the people who manage its tokens.",
  input: { body: createServiceAccountSchema },
  example: { name: "deploy-bot", roles: ["user"], managers: [] },
  responses: { 201: { description: "The service account", schema: COMPONENTS.ServiceAccount } },
  run: async ({ caller, input }) => ({ status: 201, body: await createServiceAccount(caller.audit, input.body) }),
});

export const getServiceAccountOp = defineOperation({
  method: "GET",
  path: "/api/v1/service-accounts/:id",
  permission: "tokens:read",
  tag,
  summary: "Read a service account",
  description: "Its managers and admins only (anyone else: 404).",
  responses: { 200: { description: "The service account", schema: COMPONENTS.ServiceAccount } },
  run: async ({ caller, input }) => ({ status: 200, body: await getServiceAccount(caller, input.params.id) }),
});

export const updateServiceAccountOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/service-accounts/:id",
  permission: "service_accounts:update",
  tag,
  summary: "Rename, change roles, disable or set the managers of a service account",
  description: "disabled: true stops every token of the account at once, on every instance. managers replaces the list (emails).",
  input: { body: updateServiceAccountSchema },
  example: { disabled: false },
  responses: { 200: { description: "The service account", schema: COMPONENTS.ServiceAccount } },
  run: async ({ caller, input }) => ({ status: 200, body: await updateServiceAccount(caller.audit, input.params.id, input.body) }),
});

export const deleteServiceAccountOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/service-accounts/:id",
  permission: "service_accounts:delete",
  tag,
  summary: "Delete a service account and its tokens",
  responses: { 204: { description: "Deleted" } },
  run: async ({ caller, input }) => {
    await deleteServiceAccount(caller.audit, input.params.id);
    return { status: 204, body: null };
  },
});

export const listAccountTokensOp = defineOperation({
  method: "GET",
  path: "/api/v1/service-accounts/:id/tokens",
  permission: "tokens:list",
  tag,
  summary: "List a service account's tokens",
  description: "Its managers and admins only. Each token is then read, changed, rotated and revoked at /api/v1/tokens/:id like a person's.",
  input: { query: accountTokensQuery },
  responses: { 200: { description: "A page of tokens", schema: COMPONENTS.TokenList } },
  run: async ({ caller, input }) => ({ status: 200, body: await listAccountTokens(caller, input.params.id, input.query) }),
});

export const createAccountTokenOp = defineOperation({
  method: "POST",
  path: "/api/v1/service-accounts/:id/tokens",
  permission: "tokens:create",
  tag,
  summary: "Create a token for a service account",
  description:
    "Its managers and admins only. The body is that of POST /api/v1/tokens; the token never grants more than the account's roles, and a calling token bounds it as for one's own. The secret is in this answer only.",
  input: { body: createTokenSchema },
  example: { name: "deploy", expiresIn: "30d" },
  responses: { 201: { description: "The token and its secret (shown once)", schema: COMPONENTS.TokenWithSecret } },
  run: async ({ caller, input }) => ({ status: 201, body: await createAccountToken(caller, input.params.id, input.body), headers: NO_STORE }),
});

export const SERVICE_ACCOUNT_OPERATIONS = [
  listServiceAccountsOp,
  createServiceAccountOp,
  getServiceAccountOp,
  updateServiceAccountOp,
  deleteServiceAccountOp,
  listAccountTokensOp,
  createAccountTokenOp,
] as const;

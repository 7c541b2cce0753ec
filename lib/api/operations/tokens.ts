// Tokens: the caller's own (admins may read, revoke and delete anyone's), their secret's
// regenerate and self-rotation, and their usage history.
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { createTokenSchema, listTokensQuery, regenerateSchema, rotateSchema, updateTokenSchema, usageQuery } from "@/lib/schemas/token";
import { createToken } from "@/lib/tokens/service/create-token";
import { deleteAllTokens } from "@/lib/tokens/service/delete-all-tokens";
import { deleteToken } from "@/lib/tokens/service/delete-token";
import { getToken } from "@/lib/tokens/service/get-token";
import { listTokens } from "@/lib/tokens/service/list-tokens";
import { regenerateToken } from "@/lib/tokens/service/regenerate-token";
import { revokeToken } from "@/lib/tokens/service/revoke-token";
import { updateToken } from "@/lib/tokens/service/update-token";
import { rotateSelf, selfCaller } from "@/lib/tokens/service/rotate-self";
import { getTokenUsage } from "@/lib/tokens/service/usage-history";
import { actingFor } from "@/lib/tokens/service/access";

const tag = "Tokens";
/** Answers that carry a secret are never cached. */
const NO_STORE = { "Cache-Control": "no-store" };

export const listTokensOp = defineOperation({
  method: "GET",
  path: "/api/v1/tokens",
  permission: "tokens:list",
  tag,
  summary: "List tokens",
  description: "My tokens, newest first; admins may pass all=true and owner.",
  input: { query: listTokensQuery },
  responses: { 200: { description: "A page of tokens", schema: COMPONENTS.TokenList } },
  run: async ({ caller, input }) => ({ status: 200, body: await listTokens(caller, input.query) }),
});

export const createTokenOp = defineOperation({
  method: "POST",
  path: "/api/v1/tokens",
  permission: "tokens:create",
  tag,
  summary: "Create a token",
  description:
    'The secret is in this answer only. Send expiresIn or expiresAt (one of them); scopes is "all" or a list of { entity, operation, entityId? }; allowedIps (optional) lists the addresses and CIDR ranges it may be used from.',
  input: { body: createTokenSchema },
  example: { name: "ci deploy", expiresIn: "30d" },
  responses: { 201: { description: "The token and its secret (shown once)", schema: COMPONENTS.TokenWithSecret } },
  run: async ({ caller, input }) => ({ status: 201, body: await createToken(caller, input.body), headers: NO_STORE }),
});

export const deleteAllTokensOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/tokens",
  permission: "tokens:delete",
  tag,
  summary: "Delete all my tokens",
  responses: { 200: { description: "How many were deleted", schema: COMPONENTS.Deleted } },
  run: async ({ caller }) => ({ status: 200, body: { deleted: await deleteAllTokens(caller) } }),
});

export const getTokenOp = defineOperation({
  method: "GET",
  path: "/api/v1/tokens/:id",
  permission: "tokens:read",
  tag,
  summary: "Read a token",
  responses: { 200: { description: "The token", schema: COMPONENTS.Token } },
  run: async ({ caller, input }) => ({ status: 200, body: await getToken(await actingFor(caller, input.params.id), input.params.id) }),
});

export const updateTokenOp = defineOperation({
  method: "PATCH",
  path: "/api/v1/tokens/:id",
  permission: "tokens:update",
  tag,
  summary: "Rename, describe, or set the IP allowlist of a token",
  description: "allowedIps: addresses and CIDR ranges (IPv4, IPv6; at most 100) the token may be used from; null or [] allows any address.",
  input: { body: updateTokenSchema },
  example: { description: "deploys to staging" },
  responses: { 200: { description: "The token", schema: COMPONENTS.Token } },
  run: async ({ caller, input }) => ({ status: 200, body: await updateToken(await actingFor(caller, input.params.id), input.params.id, input.body) }),
});

export const deleteTokenOp = defineOperation({
  method: "DELETE",
  path: "/api/v1/tokens/:id",
  permission: "tokens:delete",
  tag,
  summary: "Delete a token",
  responses: { 204: { description: "Deleted" } },
  run: async ({ caller, input }) => {
    await deleteToken(await actingFor(caller, input.params.id), input.params.id);
    return { status: 204, body: null };
  },
});

export const revokeTokenOp = defineOperation({
  method: "POST",
  path: "/api/v1/tokens/:id/revoke",
  permission: "tokens:update",
  tag,
  summary: "Revoke a token",
  responses: { 200: { description: "The revoked token", schema: COMPONENTS.Token } },
  run: async ({ caller, input }) => ({ status: 200, body: await revokeToken(await actingFor(caller, input.params.id, { admins: false }), input.params.id) }),
});

export const regenerateTokenOp = defineOperation({
  method: "POST",
  path: "/api/v1/tokens/:id/regenerate",
  permission: "tokens:update",
  tag,
  summary: "Regenerate a token's secret",
  description:
    "New secret, same name, description and scopes. Only the owner may. The old secret stops working at once, or after graceSeconds (at most 86400; default: the token's rotationGraceSeconds, else none); used after that, it revokes the token (reuse detection).",
  input: { body: regenerateSchema },
  example: { expiresIn: "60d" },
  responses: { 200: { description: "The token and its new secret (shown once)", schema: COMPONENTS.TokenWithSecret } },
  run: async ({ caller, input }) => ({ status: 200, body: await regenerateToken(await actingFor(caller, input.params.id), input.params.id, input.body), headers: NO_STORE }),
});

// A static segment: /api/v1/tokens/self/rotate is this route, never [id] = "self" (token ids are cuids).
export const rotateSelfOp = defineOperation({
  method: "POST",
  path: "/api/v1/tokens/self/rotate",
  // The calling token renews its own secret: no scope needed (same grant, expiry within the
  // admin maximum; lib/tokens/rotation.ts). Token callers only: a session gets 401.
  permission: null,
  tag,
  summary: "Rotate the calling token's own secret",
  description:
    "Token callers only (any of the three ways to send it; a session cookie gets 401), with the token's current secret (a replaced one in its grace period gets 409). No scope needed. Same id, name, description and scopes; a new expiry (expiresIn or expiresAt) within the admin maximum and no longer than the current secret's lifetime (only a never-expiring token may ask for never; a longer request gets 403 policy_violation); left out, the same lifetime, capped at the maximum. The body may be left out. The old secret works for graceSeconds (default: the token's rotationGraceSeconds, else none); used after that, it revokes the token.",
  input: { body: rotateSchema, optionalBody: true },
  responses: { 200: { description: "The token and its new secret (shown once)", schema: COMPONENTS.TokenWithSecret } },
  before: ({ caller }) => selfCaller(caller), // a session cookie is refused before the body is read
  run: async ({ caller, input }) => ({ status: 200, body: await rotateSelf(selfCaller(caller), input.body), headers: NO_STORE }),
});

export const tokenUsageOp = defineOperation({
  method: "GET",
  path: "/api/v1/tokens/:id/usage",
  permission: "tokens:read",
  tag,
  summary: "A token's usage history",
  description:
    "Calls and refusals (expired, revoked, ip, scope) per UTC day for the last `days` days (1-90, default 30; zeros included, oldest first), the 5 most recently seen client addresses, and totals. The owner or an admin. Counts are written about once a minute.",
  input: { query: usageQuery },
  responses: { 200: { description: "The usage", schema: COMPONENTS.TokenUsage } },
  run: async ({ caller, input }) => ({ status: 200, body: await getTokenUsage(await actingFor(caller, input.params.id), input.params.id, input.query.days) }),
});

export const TOKEN_OPERATIONS = [
  listTokensOp,
  createTokenOp,
  deleteAllTokensOp,
  getTokenOp,
  updateTokenOp,
  deleteTokenOp,
  revokeTokenOp,
  regenerateTokenOp,
  rotateSelfOp,
  tokenUsageOp,
] as const;

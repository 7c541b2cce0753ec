// Re-exports only: each token action lives in its own file under ./service (one verb a file).
// Kept so that importers need no change; to be removed once they import ./service/* directly.
export { findAccessible, findForOwner } from "./service/access";
export { allowedExpiry } from "./service/allowed-expiry";
export { metaOf, tokenEvent, type Caller } from "./service/caller";
export { REPLACED_SECRET_CANT_MINT, REPLACED_SECRET_READ_ONLY } from "./service/caller-bounds";
export { createToken } from "./service/create-token";
export { deleteAllTokens } from "./service/delete-all-tokens";
export { deleteToken } from "./service/delete-token";
export { getToken } from "./service/get-token";
export { listTokens, type ListQuery } from "./service/list-tokens";
export { regenerateToken } from "./service/regenerate-token";
export { replaceSecret, type Replacement } from "./service/replace-secret";
export type { RevokeNotice } from "./service/revoke";
export { revokeBySecret, revokeBySystem, revokeToken, type RevokeExtra } from "./service/revoke-token";
export { updateToken } from "./service/update-token";

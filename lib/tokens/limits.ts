// Token limits as plain constants, importing nothing: lib/schemas (shared with browser code) and
// the token modules read them from here, so a schema never pulls in domain code.

/** The longest grace period of a replaced secret, in seconds (lib/tokens/grace.ts). */
export const MAX_GRACE_SECONDS = 86_400;

/** The most entries a token's IP allowlist holds (lib/tokens/ip-allowlist.ts). */
export const MAX_ALLOWED_IPS = 100;

/** Addresses of a token's usage history kept (the most recently seen). */
export const KEEP_ADDRESSES = 5;

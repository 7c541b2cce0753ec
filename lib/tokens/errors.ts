// The token domain's refusals, without HTTP: withAuth (lib/auth/with-auth.ts) adds the RFC 6750
// challenge to them on the way out, so lib/tokens never imports lib/auth.
import { ApiError } from "@/lib/errors";

/** A token that can't be used (revoked, expired, not the current one): 401 invalid_token. */
export const invalidTokenError = (message: string, details?: unknown) => new ApiError("invalid_token", message, details);

/** A token that can't do this: 403 insufficient_scope. */
export const insufficientScopeError = (message: string, details?: unknown) => new ApiError("insufficient_scope", message, details);

/** Only a token may do this (a session caller): 401 unauthorized, the challenge asks for a Bearer token. */
export const tokenRequiredError = (message: string) => new ApiError("unauthorized", message);

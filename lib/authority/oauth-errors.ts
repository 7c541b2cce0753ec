// RFC 6749 section 5.2 errors, spoken by the OAuth endpoints only (token, introspection,
// revocation): { "error", "error_description" }, never cached. The console's own /api/v1 errors
// keep their shape (lib/errors.ts); this is the one mapping from its codes to OAuth's.
import { z } from "zod";
import { jsonReply, type ApiReply } from "@/lib/api-request";
import { challenge } from "./challenge";
import { toApiError, type ErrorCode } from "@/lib/errors";

/** The OAuth error codes we answer (RFC 6749 5.2, RFC 8693 2.2.2, RFC 6750 3.1) and their status. */
const OAUTH_STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  invalid_scope: 400,
  invalid_target: 400,
  unsupported_grant_type: 400,
  authorization_pending: 400,
  slow_down: 400,
  expired_token: 400,
  access_denied: 400,
  insufficient_scope: 403,
  server_error: 500,
  temporarily_unavailable: 503,
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_STATUS;

/** RFC 6749 section 5.2's error body. */
export const oauthErrorBodySchema = z.object({
  error: z.enum(Object.keys(OAUTH_STATUS) as [OAuthErrorCode, ...OAuthErrorCode[]]),
  error_description: z.string(),
});

/** Every console error code, as an OAuth client should read it. */
const OAUTH_CODE: Record<ErrorCode, OAuthErrorCode> = {
  invalid_request: "invalid_request",
  invalid_json: "invalid_request",
  payload_too_large: "invalid_request",
  rate_limited: "invalid_request",
  not_found: "invalid_request",
  method_not_allowed: "invalid_request",
  conflict: "invalid_request",
  policy_violation: "invalid_request",
  // The subject token may not be used from this address (RFC 8693 2.2.2: not a valid subject token here).
  ip_not_allowed: "invalid_request",
  invalid_grant: "invalid_grant",
  invalid_scope: "invalid_scope",
  invalid_target: "invalid_target",
  unsupported_grant_type: "unsupported_grant_type",
  authorization_pending: "authorization_pending",
  slow_down: "slow_down",
  expired_token: "expired_token",
  access_denied: "access_denied",
  // The caller of the introspection endpoint is its client: bad or missing credentials.
  unauthorized: "invalid_client",
  invalid_token: "invalid_client",
  cross_origin: "invalid_client",
  // Authenticated, but neither the owner nor the token may introspect.
  forbidden: "insufficient_scope",
  insufficient_scope: "insufficient_scope",
  internal_error: "server_error",
  service_unavailable: "temporarily_unavailable",
};

export function oauthErrorReply(error: unknown): ApiReply {
  const apiError = toApiError(error);
  const code = OAUTH_CODE[apiError.code];
  // Retry-After (rate limits) and the like travel with the error.
  const headers: Record<string, string> = { ...apiError.headers, "Cache-Control": "no-store", Pragma: "no-cache" };
  // RFC 6749 5.2: a 401 names the schemes the client may authenticate with: Basic (its client
  // credentials) and Bearer (RFC 6750: no error code when it sent no credentials at all).
  if (code === "invalid_client") {
    const bearer = apiError.code === "unauthorized" ? { realm: "pat-console" } : { error: "invalid_token", error_description: apiError.message };
    headers["WWW-Authenticate"] = [
      challenge("Basic", { realm: "pat-console", error: code, error_description: apiError.message }),
      challenge("Bearer", bearer),
    ].join(", ");
  }
  // A body over the limit (413) or too many requests (429) keep their status (RFC 9110, RFC
  // 6585), whatever OAuth code names them.
  const status = apiError.code === "payload_too_large" || apiError.code === "rate_limited" ? apiError.status : OAUTH_STATUS[code];
  const body: z.infer<typeof oauthErrorBodySchema> = { error: code, error_description: apiError.message };
  return jsonReply(status, body, headers);
}

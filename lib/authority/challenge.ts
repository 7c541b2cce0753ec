// WWW-Authenticate challenges (RFC 7235, RFC 6750 section 3). error_description is always the
// JSON body's message, so a client reading either sees the same words. Every Bearer challenge
// names the API's protected-resource metadata (RFC 9728 section 5.1), where a client finds the
// authorization server and how to send a token.
import { AUTHORITY } from "./metadata";
import { ApiError } from "@/lib/errors";
import { publicOrigin } from "@/lib/http";

/** A quoted-string value: backslash and double quote escaped, anything outside printable ASCII
 * (which a header can't carry safely) replaced, so the header is always well formed. */
const quote = (value: string) => `"${value.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** RFC 9728: the URL of the protected-resource metadata of this console's API. */
export const resourceMetadataUrl = () => `${publicOrigin()}${AUTHORITY.paths.protectedResourceMetadata}`;

export function challenge(scheme: "Bearer" | "Basic", params: Record<string, string | undefined>): string {
  const all = scheme === "Bearer" ? { ...params, resource_metadata: resourceMetadataUrl() } : params;
  const parts = Object.entries(all)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${quote(value)}`);
  return parts.length ? `${scheme} ${parts.join(", ")}` : scheme;
}

/** A refused token: 401 invalid_token, with the Bearer challenge repeating the message. */
export function invalidTokenError(message: string, details?: unknown): ApiError {
  return new ApiError("invalid_token", message, details, {
    "WWW-Authenticate": challenge("Bearer", { error: "invalid_token", error_description: message }),
  });
}

/** A token that can't do this: 403 insufficient_scope, the challenge naming the scope when one is needed. */
export function insufficientScopeError(message: string, details?: unknown, scope?: string): ApiError {
  return new ApiError("insufficient_scope", message, details, {
    "WWW-Authenticate": challenge("Bearer", { error: "insufficient_scope", error_description: message, scope }),
  });
}

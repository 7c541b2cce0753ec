// Which request headers a webhook endpoint stores. The admin reads stored requests in the
// console, so credentials must not be kept: the endpoint's own token headers are dropped, and
// anything else that looks secret-bearing is kept as "[redacted]" (the admin still sees it came).

/** The credential headers the endpoint authenticates with: never stored at all. */
const DROPPED = new Set(["authorization", "x-personal-token", "cookie", "proxy-authorization"]);

/** Exact names that carry secrets without a telling suffix. */
const SECRET_NAMES = new Set(["set-cookie", "x-api-key", "api-key", "apikey", "x-apikey", "x-auth", "x-csrftoken", "x-xsrf-token"]);

/**
 * Name parts (split on - and _) that mark a secret: x-gitlab-token, stripe-signature,
 * x-hub-signature-256, x-webhook-secret, x-client-key, x-db-password, x-upstream-auth,
 * x-shopify-hmac-sha256, x-amz-security-token, x-session-id...
 */
const SECRET_PARTS = new Set([
  "token",
  "signature",
  "secret",
  "key",
  "apikey",
  "password",
  "passwd",
  "auth",
  "authorization",
  "credential",
  "credentials",
  "cookie",
  "session",
  "hmac",
  "jwt",
]);

/**
 * Words that mark a secret anywhere in a name, for the names a sender invents without
 * separators (x-apitoken, x-secretkey, x-pwd, x-sessionid). Some ordinary names are redacted
 * too (x-author): a value hidden by mistake costs less than a secret kept in clear.
 */
const SECRET_WORDS = /token|secret|key|pass|pwd|auth|signature|cookie|session/;

export const REDACTED = "[redacted]";

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_NAMES.has(lower) || SECRET_WORDS.test(lower) || lower.split(/[-_]/).some((part) => SECRET_PARTS.has(part));
}

/** The headers to store for a received request: credentials dropped, other secrets redacted. */
export function storedHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    kept[lower] = isSecretHeader(lower) ? REDACTED : value;
  }
  return kept;
}

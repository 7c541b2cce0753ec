// Where a browser may be sent after sign-in: only somewhere on this console. Used by the
// login form (against location.origin), by next-auth's redirect callback (against the public
// origin) and by the proxy. The target is resolved as the browser would resolve it (WHATWG
// URL rules: "\" counts as "/", tabs and newlines are dropped), so "/\evil.example" or
// "/<tab>/evil.example" are seen for what they are: another host.

/** The path, query and hash of `target` when it resolves to `origin`, else null. */
export function sameOriginPath(target: unknown, origin: string): string | null {
  if (typeof target !== "string" || target === "") return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(target, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  // "/.//evil.example" resolves here with the path "//evil.example", which a browser would
  // read as another host when navigating to the path alone.
  if (url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `target`'s path on `origin`, or `fallback` for anything else (another site, malformed). */
export function safeRedirectPath(target: unknown, origin: string, fallback = "/"): string {
  return sameOriginPath(target, origin) ?? fallback;
}

/** next-auth's `redirect` callback: stay on the base URL, whatever the callbackUrl says. */
export function nextAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const path = sameOriginPath(url, baseUrl);
  return path ? `${new URL(baseUrl).origin}${path}` : baseUrl;
}

/**
 * Whether next-auth 4 accepts `value` as a callbackUrl at all: a path, or an absolute http(s)
 * URL. It answers 500 to anything else in the query or the callback-url cookie, before any
 * callback of ours runs, so the proxy drops such values (where an accepted one may lead is
 * still decided by nextAuthRedirect).
 */
export function isWellFormedCallbackUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://localhost" : undefined).protocol);
  } catch {
    return false;
  }
}

// Request body limits at the door (scripts/server.mjs), before Next sees a request. Each route
// reads its body with its own limit (lib/http.ts readBodyBytes), but Next buffers the body of
// every request its proxy (proxy.ts) runs for, pages and /api/auth/*, before the route starts:
// up to experimental.proxyClientMaxBodySize, and it waits for the whole upload. So the server
// refuses, by Content-Length or by counting the bytes as they arrive:
// - a body over AUTH_MAX_BODY_BYTES for anything the proxy runs for (pages take no body);
// - a body over LARGEST_BODY_BYTES, the largest route limit, anywhere else.
// proxyClientMaxBodySize stays at Next's default on purpose: past it Next doesn't refuse, it
// cuts the body short and hands the route the first part, which the route's own limit would
// then take for a whole (small) body.

/** Sign-in forms and sign-out (next-auth's routes, app/api/auth/[...nextauth]/route.ts). */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;
/** The largest limit of any route: incoming webhooks and secret-scanning reports. */
export const LARGEST_BODY_BYTES = 256 * 1024;

/** The limit at the door for a request path (the query string is ignored). @param {string} url */
export function doorBodyLimit(url) {
  const path = url.split("?")[0];
  return path.startsWith("/api/") && !path.startsWith("/api/auth/") ? LARGEST_BODY_BYTES : AUTH_MAX_BODY_BYTES;
}

/** The JSON error body of a refused request, as the routes' own 413 says it. @param {number} limit */
export function tooLargeBody(limit) {
  return JSON.stringify({ error: { code: "payload_too_large", message: `Request body is larger than ${Math.floor(limit / 1024)} KiB` } });
}

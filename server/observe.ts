// One log line and the HTTP metrics for every request, taken in server/main.ts (the only
// place that sees every request and its final status: pages, next-auth, hooks, the API).
// The route label is a template, never the raw path: each API operation's handler names its route
// (its declaration's path in lib/api/operations, e.g. /api/v1/tokens/:id); other paths map to a
// fixed set below, and anything else is "other", so a client can't grow the label set.
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/observability/logger";
import { observeHttpRequest } from "@/lib/observability/metrics";
import { requestIdFrom, requestStorage, type RequestContext } from "@/lib/observability/request-context";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Paths served outside withAuth, as they are. */
const FIXED = new Set([
  "/api/health", "/api/ready", "/api/metrics", "/api/openapi.json",
  "/api/v1/oauth/token", "/api/v1/oauth/revoke", "/api/v1/oauth/jwks", "/api/v1/secret-scanning",
  "/.well-known/oauth-authorization-server", "/.well-known/oauth-protected-resource", "/.well-known/jwks.json",
  "/", "/login", "/tokens", "/profile", "/docs", "/admin/audit", "/admin/settings", "/admin/users", "/admin/webhooks",
  "/favicon.ico", "/robots.txt",
]);
const NEXT_AUTH_ACTIONS = new Set(["session", "csrf", "providers", "signin", "signout", "callback", "error", "_log"]);

/**
 * The bounded route label of a request: `pathname` without the query, `annotated` the route
 * withAuth named ("GET /api/v1/tokens/:id"), if any.
 */
export function routeLabel(pathname: string, annotated: string | undefined): string {
  if (annotated) return annotated.slice(annotated.indexOf(" ") + 1);
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (FIXED.has(path)) return path;
  if (path.startsWith("/_next/")) return "/_next/*";
  if (path.startsWith("/api/hooks/")) return "/api/hooks/:path";
  if (path.startsWith("/api/auth/")) {
    const action = path.split("/")[3];
    return NEXT_AUTH_ACTIONS.has(action) ? `/api/auth/${action}` : "/api/auth/other";
  }
  if (/^\/tokens\/[^/]+$/.test(path)) return "/tokens/:id";
  if (/^\/admin\/webhooks\/[^/]+$/.test(path)) return "/admin/webhooks/:id";
  if (path.startsWith("/api/")) return "/api/other"; // unknown API paths (404)
  return "other";
}

export const methodLabel = (method: string | undefined) => (method && METHODS.has(method) ? method : "other");

/**
 * Wraps one request: a request id (the caller's X-Request-Id when sane, else a new one; sent
 * back as X-Request-Id), a context the app annotates, and, once the response is sent (or the
 * client left), one
 * metrics observation and one log line (info for /api and /.well-known, debug for pages and
 * assets). The line carries ids and outcomes only: no path, query, header or body.
 */
export function observeRequest<T>(req: IncomingMessage, res: ServerResponse, next: () => T): T {
  const started = process.hrtime.bigint();
  const context: RequestContext = { requestId: requestIdFrom(req.headers["x-request-id"]) };
  req.headers["x-request-id"] = context.requestId;
  res.setHeader("X-Request-Id", context.requestId);
  let observed = false;
  const done = () => {
    if (observed) return;
    observed = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const pathname = (req.url ?? "/").split("?")[0];
    const c = context;
    const route = routeLabel(pathname, c.route);
    const method = methodLabel(req.method);
    observeHttpRequest(route, method, res.statusCode, seconds);
    const api = pathname.startsWith("/api/") || pathname.startsWith("/.well-known/");
    const line = {
      reqId: c.requestId,
      method,
      route,
      status: res.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(c.actorId ? { actorId: c.actorId } : {}),
      ...(c.tokenId ? { tokenId: c.tokenId } : {}),
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    logger()[api ? "info" : "debug"](line, "request");
  };
  // "finish": the answer is handed to the socket; "close" alone: the client went away first.
  res.once("finish", done);
  res.once("close", done);
  return requestStorage().run(context, next);
}

// Request body limits at the door (server/main.ts, admitBody), before Next sees a request. Each route
// reads its body with its own limit (lib/http.ts readBodyBytes), but Next buffers the body of
// every request its proxy (proxy.ts) runs for, pages and /api/auth/*, before the route starts:
// up to experimental.proxyClientMaxBodySize, and it waits for the whole upload. So the server
// refuses, by Content-Length or by counting the bytes as they arrive:
// - a body over AUTH_MAX_BODY_BYTES for anything the proxy runs for (pages take no body);
// - a body over LARGEST_BODY_BYTES, the largest route limit, anywhere else.
// proxyClientMaxBodySize stays at Next's default on purpose: past it Next doesn't refuse, it
// cuts the body short and hands the route the first part, which the route's own limit would
// then take for a whole (small) body.

import type { IncomingMessage, ServerResponse } from "node:http";
import { AUTH_MAX_BODY_BYTES } from "@/lib/auth/limits";
import { normalizedPath } from "./door";

/** Sign-in forms and sign-out (next-auth's routes, app/api/auth/[...nextauth]/route.ts). */
export { AUTH_MAX_BODY_BYTES };
/** The largest limit of any route: incoming webhooks and secret-scanning reports. */
export const LARGEST_BODY_BYTES = 256 * 1024;

const limitFor = (path: string) => (path.startsWith("/api/") && !path.startsWith("/api/auth/") ? LARGEST_BODY_BYTES : AUTH_MAX_BODY_BYTES);

/**
 * The limit at the door for a request path (the query string is ignored). Next routes the
 * path after resolving dot segments and doubled slashes (/api/./auth/x is /api/auth/x, /api/../login
 * is /login), so the path is matched both as sent and as normalised (server/door.ts), and the
 * smaller limit wins: no spelling of an auth route or a page buys the larger one.
 */
export function doorBodyLimit(url: string): number {
  const raw = limitFor(url.split(/[?#]/, 1)[0]);
  const normalized = normalizedPath(url);
  return normalized === null ? AUTH_MAX_BODY_BYTES : Math.min(raw, limitFor(normalized));
}

/** The JSON error body of a refused request, as the routes' own 413 says it. */
export function tooLargeBody(limit: number): string {
  return JSON.stringify({ error: { code: "payload_too_large", message: `Request body is larger than ${Math.floor(limit / 1024)} KiB` } });
}

/** How long a refused connection stays open, not read, after its 413 went out: closing it at
 * once with the upload still arriving would reset it, and the client could lose the answer. */
const REFUSED_LINGER_MS = 2_000;

/** 413 and the connection closed, without reading the rest of the upload. */
function refuseBody(req: IncomingMessage, res: ServerResponse, limit: number) {
  const { socket } = req;
  socket.pause();
  // Node closes a "Connection: close" socket with destroySoon() once the answer is written.
  const closing = socket as typeof socket & { destroySoon: () => void };
  closing.destroySoon = function destroyLater(this: typeof socket) {
    if (this.writable) this.end();
    setTimeout(() => this.destroy(), REFUSED_LINGER_MS).unref();
  };
  if (!res.headersSent) {
    const body = tooLargeBody(limit);
    res.writeHead(413, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store", Connection: "close" });
    res.end(body);
  }
}

/**
 * False when the request was refused for its body: a Content-Length over the limit at once. A
 * body without one (chunked) is counted as the parser hands it over and refused at the first
 * chunk past the limit; from then on nothing more reaches the request's readers, not even its
 * end, so whoever reads it (Next) never takes what came before for a whole body.
 */
export function admitBody(req: IncomingMessage, res: ServerResponse): boolean {
  const limit = doorBodyLimit(req.url ?? "/");
  const declared = req.headers["content-length"];
  if (declared !== undefined && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    refuseBody(req, res, limit);
    return false;
  }
  let size = 0;
  let refused = false;
  const push = req.push;
  req.push = function (this: IncomingMessage, chunk: unknown, encoding?: BufferEncoding) {
    if (refused) return false;
    if (chunk !== null && chunk !== undefined) {
      size += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : (chunk as Uint8Array).length;
      if (size > limit) {
        refused = true;
        refuseBody(req, res, limit);
        return false;
      }
    }
    return push.call(this, chunk, encoding);
  };
  return true;
}

// What the server (server/main.ts) refuses before Next sees a request, and the path as Next
// will route it. Next answers 500 to a method it has no handler kind for (TRACE) and to a path
// parameter that is not valid percent-encoding (/api/v1/tokens/%ff): both are the client's
// mistake, so they get 405 and 400 JSON here, in the one error body.
import type { ServerResponse } from "node:http";

/** The methods some route or page serves; anything else (TRACE, PROPFIND, SEARCH...) is 405. */
export const SERVED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const SERVED = new Set(SERVED_METHODS);

/** The request path without query or fragment. */
const rawPath = (url: string) => url.split(/[?#]/, 1)[0];

/** A path that reads as it is: "/" or segments of unreserved characters, none empty, none
 * starting with a dot (so no "." or ".."), no escape, no backslash. */
const PLAIN_PATH = /^(?:\/|(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+)$/;

/**
 * The path as a router that decodes escapes and resolves dot segments sees it: backslashes as
 * slashes, each escape decoded (%2e is a dot, %2f a slash), "." and ".." resolved, empty
 * segments (doubled slashes) dropped. Null when the path is not valid percent-encoding.
 * `url`: a request target ("/api/./auth/x?y=1").
 */
export function normalizedPath(url: string): string | null {
  const path = rawPath(url);
  if (PLAIN_PATH.test(path)) return path; // the common case: nothing to decode or resolve
  let decoded;
  try {
    decoded = decodeURIComponent(path.replace(/\\/g, "/")).replace(/\\/g, "/");
  } catch {
    return null;
  }
  const segments: string[] = [];
  for (const segment of decoded.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join("/")}`;
}

export type Refusal = { status: number; code: string; message: string; headers?: Record<string, string> };

/** The door's refusal of a request, or null to let it in. */
export function doorRefusal(method: string | undefined, url: string | undefined): Refusal | null {
  if (!SERVED.has(method ?? "")) {
    return { status: 405, code: "method_not_allowed", message: `Method ${String(method).slice(0, 20)} is not allowed`, headers: { Allow: SERVED_METHODS.join(", ") } };
  }
  if (normalizedPath(url ?? "/") === null) {
    return { status: 400, code: "invalid_request", message: "The request path is not valid percent-encoding" };
  }
  return null;
}

/**
 * Answers a refused request with the one error body and closes the connection (its body, if
 * any, is not read).
 */
export function refuse(res: ServerResponse, refusal: Refusal) {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  res.writeHead(refusal.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    Connection: "close",
    ...refusal.headers,
  });
  res.end(body);
}

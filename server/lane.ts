// The verification lane: the endpoints other services call on every request of theirs,
// answered by this process before Next's router (no route matching, no proxy, no render
// pipeline): RFC 7662 introspection and the permission check. They run the very handlers Next
// would run: handlerOf(operation) of their declarations in lib/api/operations, so withAuth, the
// one token check (lib/tokens/authenticate.ts), the zod input schemas, the rate limits, the
// allowlists, grace periods and reuse detection, usage counting, last use, the audit of
// refusals and the error shapes (RFC 6749 for introspection) are the same code, not a copy.
// The server calls the lane after the door (405/400), the body limit (413) and the client
// address, inside the request's observation (its log line and metrics), like any request.
// The answer carries the headers next.config.ts gives every API answer (lib/security-headers.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { NextRequest } from "next/server";
import { handlerOf, type RouteHandler } from "@/lib/api/handler";
import type { ApiOperation } from "@/lib/api/operation";
import { checkOp } from "@/lib/api/operations/me";
import { introspectOp } from "@/lib/api/operations/oauth";
import { oauthErrorResponse } from "@/lib/authority/oauth-errors";
import { badRequest, errorResponse } from "@/lib/errors";
import { annotateRequest } from "@/lib/observability/request-context";
import { API_HEADERS, HSTS, STATIC_HEADERS } from "@/lib/security-headers";

/** The operations the lane answers, by "METHOD /path" exactly as sent (any other spelling of
 * the path, a trailing slash or an escape, goes to Next, which answers it the same way). */
const LANE_OPERATIONS: ApiOperation[] = [introspectOp, checkOp];
export type LaneEntry = { op: ApiOperation; handler: RouteHandler };
const lane = new Map<string, LaneEntry>(LANE_OPERATIONS.map((op) => [op.key, { op, handler: handlerOf(op) as RouteHandler }]));

/** The lane's operation for this request, or undefined: Next serves it. */
export function laneFor(method: string | undefined, url: string | undefined): LaneEntry | undefined {
  if (method !== "POST" || !url) return undefined;
  const end = url.indexOf("?");
  return lane.get(`POST ${end === -1 ? url : url.slice(0, end)}`);
}

const NO_PARAMS = { params: Promise.resolve({}) };
const FIXED_HEADERS = [...STATIC_HEADERS, ...API_HEADERS];

/** The body as sent, or null when the request ended without one arriving whole (the client
 * left, or the door refused it mid-upload: its 413 is already the answer). The door has
 * bounded it (server/body-limits.ts); the operation applies its own, smaller limit. */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once("close", () => resolve(null)); // after "end", this changes nothing
    req.once("error", () => resolve(null));
  });
}

/** The request as the route handler takes it: method, path and query, and the headers as the
 * server left them (req.headers, as Next reads them too): the client address header is the
 * server's own (a client's is gone), the request id is set. Never req.rawHeaders: they still
 * hold what the client sent under the internal header's name. */
function toRequest(req: IncomingMessage, body: Buffer): NextRequest {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return new NextRequest(`http://localhost${req.url}`, { method: req.method, headers, body: body.length ? new Uint8Array(body) : undefined });
}

/** Serves one request with its operation's handler. */
export async function serveLane({ op, handler }: LaneEntry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  annotateRequest({ lane: true }); // the request's log line says so
  const body = await readBody(req);
  if (body === null || res.writableEnded) return;
  let request: NextRequest | null = null;
  try {
    request = toRequest(req, body);
  } catch {
    // A request the Fetch API refuses to build (Node's parser let a header through that it
    // won't take): a 400 in the operation's error shape. The handler answers its own errors.
  }
  const refusal = () => badRequest("The request's headers can't be read");
  const response = request ? await handler(request, NO_PARAMS) : op.errors === "oauth" ? oauthErrorResponse(refusal()) : errorResponse(refusal());
  if (res.writableEnded || res.destroyed) return;
  const bytes = Buffer.from(await response.arrayBuffer());
  for (const { key, value } of FIXED_HEADERS) res.setHeader(key, value);
  if (req.headers["x-forwarded-proto"] === "https") res.setHeader(HSTS.key, HSTS.value);
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.setHeader("Content-Length", bytes.length);
  res.writeHead(response.status);
  res.end(bytes);
}

// The verification lane: the endpoints other services call on every request of theirs,
// answered by this process before Next's router (no route matching, no proxy, no render
// pipeline): RFC 7662 introspection and the permission check. They run the very handlers Next
// runs (operationHandler of their declarations in lib/api/operations; handlerOf adapts the same
// one to the Fetch API for Next), handed Node's request as it is, so withAuth, the
// one token check (lib/tokens/authenticate.ts), the zod input schemas, the rate limits, the
// allowlists, grace periods and reuse detection, usage counting, last use, the audit of
// refusals and the error shapes (RFC 6749 for introspection) are the same code, not a copy.
// The server calls the lane after the door (405/400), the body limit (413) and the client
// address, inside the request's observation (its log line and metrics), like any request.
// The answer carries the headers next.config.ts gives every API answer (lib/security-headers.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiRequest, HeaderReader } from "@/lib/api-request";
import { operationHandler, type OperationHandler } from "@/lib/api/handler";
import type { ApiOperation } from "@/lib/api/operation";
import { checkOp } from "@/lib/api/operations/me";
import { introspectOp } from "@/lib/api/operations/oauth";
import { annotateRequest } from "@/lib/observability/request-context";
import { API_HEADERS, HSTS, STATIC_HEADERS } from "@/lib/security-headers";

/** The operations the lane answers, by "METHOD /path" exactly as sent (any other spelling of
 * the path, a trailing slash or an escape, goes to Next, which answers it the same way). */
const LANE_OPERATIONS: ApiOperation[] = [introspectOp, checkOp];
export type LaneEntry = { op: ApiOperation; handler: OperationHandler };
const lane = new Map<string, LaneEntry>(LANE_OPERATIONS.map((op) => [op.key, { op, handler: operationHandler(op) }]));

/** The lane's operation for this request, or undefined: Next serves it. */
export function laneFor(method: string | undefined, url: string | undefined): LaneEntry | undefined {
  if (method !== "POST" || !url) return undefined;
  const end = url.indexOf("?");
  return lane.get(`POST ${end === -1 ? url : url.slice(0, end)}`);
}

const NO_PARAMS = {};
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

/** Node's request headers as the operations read them, by lower-case name. These are the headers
 * as the server left them (req.headers, as Next reads them too): the client address header is
 * the server's own (a client's is gone), the request id is set. Never req.rawHeaders: they still
 * hold what the client sent under the internal header's name. A header sent more than once reads
 * as Headers.get would say it: Node has joined most of them with ", " already (and kept the
 * first of those it takes once), set-cookie stays a list, joined here the same way. */
export function nodeHeaders(headers: IncomingMessage["headers"]): HeaderReader {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** The request as the operations take it: method, path and query as sent, the headers, the body read. */
export function laneRequest(req: Pick<IncomingMessage, "method" | "url" | "headers">, body: Buffer): ApiRequest {
  return { method: req.method ?? "POST", url: req.url ?? "/", headers: nodeHeaders(req.headers), body: body.length ? body : null };
}

/** Serves one request with its operation's handler. */
export async function serveLane({ handler }: LaneEntry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  annotateRequest({ lane: true }); // the request's log line says so
  const body = await readBody(req);
  if (body === null || res.writableEnded) return;
  const reply = await handler(laneRequest(req, body), NO_PARAMS);
  if (res.writableEnded || res.destroyed) return;
  for (const { key, value } of FIXED_HEADERS) res.setHeader(key, value);
  if (req.headers["x-forwarded-proto"] === "https") res.setHeader(HSTS.key, HSTS.value);
  for (const name in reply.headers) res.setHeader(name, reply.headers[name]);
  const bytes = reply.body === null ? null : Buffer.from(reply.body);
  res.setHeader("Content-Length", bytes === null ? 0 : bytes.length);
  res.writeHead(reply.status);
  res.end(bytes);
}

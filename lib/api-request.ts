// The request and the reply as the API's operations see them (lib/api/handler.ts, withAuth): no
// Fetch API, so that the custom server's verification lane (server/lane.ts) can hand them a
// Node request as it is and write the reply straight out, while Next's route files adapt theirs
// (handlerOf). One shape for both, so both run the same code.
//  - headers: a getter, by lower-case name; a header sent more than once reads as its values
//    joined by ", " (as Headers.get says it).
//  - url: the path and query as sent ("/api/v1/tokens?status=active"; an absolute URL too).
//  - body: the bytes when the server has read them whole (the lane), else the stream (Next's);
//    lib/http.ts readBodyBytes applies each operation's limit to either.

/** What reads a header: Headers, or the lane's view of Node's request headers. */
export type HeaderReader = { get(name: string): string | null };

export type ApiRequest = {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderReader;
  readonly body: Uint8Array | ReadableStream<Uint8Array> | null;
};

/** An answer: its status, its headers (Content-Type among them when there is a body) and the
 * body as text (null: none). */
export type ApiReply = { status: number; headers: Record<string, string>; body: string | null };

/** `headers` (copied) with a Content-Type, `type` unless they name one, in any case, as a Fetch
 * Response keeps the one its headers give. */
export function typed(headers: Record<string, string> | undefined, type: string): Record<string, string> {
  for (const name in headers) if (name.toLowerCase() === "content-type") return { ...headers };
  return { "content-type": type, ...headers };
}

/** A JSON answer (the body is serialised as Response.json does). */
export function jsonReply(status: number, value: unknown, headers?: Record<string, string>): ApiReply {
  return { status, headers: typed(headers, "application/json"), body: JSON.stringify(value) };
}

/** The reply as a Fetch Response (Next's route handlers). */
export function toResponse(reply: ApiReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

/** A Fetch Request (Next's) as the operations read it. */
export function fromFetchRequest(req: Request): ApiRequest {
  return { method: req.method, url: req.url, headers: req.headers, body: req.body };
}

/** A request with some headers replaced and its body already read (client_secret_post moves
 * form fields into a header: lib/authority/client-auth.ts). */
export function withHeaders(req: ApiRequest, set: Record<string, string>, body: Uint8Array): ApiRequest {
  const { headers } = req;
  const own = new Map(Object.entries(set).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: req.method, url: req.url, headers: { get: (name) => own.get(name.toLowerCase()) ?? headers.get(name) }, body };
}

// Request parsing shared by the route handlers: JSON bodies, query strings and path
// parameters all go through zod, and malformed JSON is a 400, never a 500.
import type { z } from "zod";
import type { ApiRequest, HeaderReader } from "./api-request";
import { getPublicOrigin } from "./env";
import { CLIENT_IP_HEADER } from "./client-address";
import { ApiError, fromZodError } from "./errors";

/** The largest JSON or form body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

const kib = (bytes: number) => `${Math.floor(bytes / 1024)} KiB`;
const tooLarge = (limit: number) => new ApiError("payload_too_large", `Request body is larger than ${kib(limit)}`);

/** What a body is read from: a Fetch Request, or an ApiRequest (lib/api-request.ts). */
type BodySource = Pick<ApiRequest, "headers" | "body">;

/**
 * The body's bytes, never more than `limit` of them held in memory: a declared Content-Length
 * over the limit is refused before reading, and the stream is counted as it arrives (a missing
 * or lying Content-Length is caught there) and abandoned past the limit. A body the server has
 * already read whole (the lane's) is held to the same limit.
 */
export async function readBodyBytes(req: BodySource, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = req.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array();
  if (req.body instanceof Uint8Array) {
    if (req.body.byteLength > limit) throw tooLarge(limit);
    return req.body;
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw new ApiError("invalid_request", "The request body could not be read");
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder(); // stateless without { stream: true }: one for every body

/** The body as UTF-8 text (decoded after the byte count), at most `limit` bytes. */
export async function readBody(req: BodySource, limit = MAX_BODY_BYTES): Promise<string> {
  return utf8.decode(await readBodyBytes(req, limit));
}

/** `optional`: an empty body reads as {} (a route whose every field is optional). */
export async function parseBody<T extends z.ZodType>(req: BodySource, schema: T, { optional = false } = {}): Promise<z.infer<T>> {
  const text = await readBody(req);
  let value: unknown;
  try {
    value = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "Request body is not valid JSON");
  }
  if (value === undefined && optional) value = {};
  if (value === undefined) throw new ApiError("invalid_json", "Request body must be a JSON object");
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

/** `req.url`: absolute, or the path and query (the lane's). */
export function parseQuery<T extends z.ZodType>(req: Pick<ApiRequest, "url">, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(req.url, "http://localhost").searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

export function parseParams<T extends z.ZodType>(params: unknown, schema: T): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new ApiError("not_found", "Not found");
  return parsed.data;
}

/** OAuth endpoints take form bodies (RFC 6749); JSON is accepted too. */
export async function parseFormOrJson<T extends z.ZodType>(req: BodySource, schema: T): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return parseBody(req, schema);
  const text = await readBody(req);
  const parsed = schema.safeParse(formFields(text));
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

/** Form fields; a repeated name becomes an array (RFC 8693 audience and resource may repeat,
 * anything else repeated then fails its schema as the RFC 6749 invalid_request it is). */
function formFields(text: string): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = fields.get(name);
    fields.set(name, seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value]);
  }
  return Object.fromEntries(fields);
}

/** This console's public origin, fixed at start-up (lib/env.ts), never what a request's headers say. */
export function publicOrigin(): string {
  return getPublicOrigin();
}

/** The client address, as server/main.ts decided it from the TCP peer and TRUST_PROXY
 * (server/client-address.ts). The one source for last use, audit and rate limits: no other
 * header (X-Forwarded-For, X-Real-IP) is ever read, so a client can't choose its address. */
export function clientIp(headers: HeaderReader): string | null {
  const value = headers.get(CLIENT_IP_HEADER)?.trim();
  return value && value.length <= 45 && /^[0-9a-fA-F.:]+$/.test(value) ? value : null;
}

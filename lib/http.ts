// Request parsing shared by the route handlers: JSON bodies, query strings and path
// parameters all go through zod, and malformed JSON is a 400, never a 500.
import type { z } from "zod";
import { CLIENT_IP_HEADER } from "./client-address.mjs";
import { ApiError, fromZodError } from "./errors";

const MAX_BODY_BYTES = 64 * 1024;

export async function parseBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError("payload_too_large", "Request body is too large");
  let value: unknown;
  try {
    value = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "Request body is not valid JSON");
  }
  if (value === undefined) throw new ApiError("invalid_json", "Request body must be a JSON object");
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
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
export async function parseFormOrJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return parseBody(req, schema);
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError("payload_too_large", "Request body is too large");
  const parsed = schema.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

/** This console's public origin: NEXTAUTH_URL when set, else what the request says. */
export function publicOrigin(req: Request): string {
  const configured = process.env.NEXTAUTH_URL?.replace(/\/$/, "");
  if (configured) return configured;
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0] ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** The client address, as scripts/server.mjs decided it from the TCP peer and TRUST_PROXY
 * (lib/client-address.mjs). The one source for last use, audit and rate limits: no other
 * header (X-Forwarded-For, X-Real-IP) is ever read, so a client can't choose its address. */
export function clientIp(headers: Headers): string | null {
  const value = headers.get(CLIENT_IP_HEADER)?.trim();
  return value && value.length <= 45 && /^[0-9a-fA-F.:]+$/.test(value) ? value : null;
}

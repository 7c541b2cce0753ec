// One error type and one mapping to HTTP. Every error leaves as
// { "error": { "code", "message", "details"? } }; nothing internal (stack, SQL) ever does.
import { NextResponse } from "next/server";
import { z } from "zod";
import { jsonReply, type ApiReply } from "./api-request";
import { errorText, logger } from "./observability/logger";
import { countDatabaseError } from "./observability/metrics";

/** Each error code owns its HTTP status: call sites name the code, never a status. The OAuth
 * codes (RFC 6749 section 5.2) are here too, so the authority endpoints need no casts. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_grant: 400,
  invalid_scope: 400,
  unsupported_grant_type: 400,
  invalid_target: 400,
  /** RFC 8628 device flow, answered to a polling client. */
  authorization_pending: 400,
  slow_down: 400,
  expired_token: 400,
  access_denied: 400,
  unauthorized: 401,
  invalid_token: 401,
  forbidden: 403,
  insufficient_scope: 403,
  cross_origin: 403,
  policy_violation: 403,
  /** The token has an IP allowlist and the client address is not in it. */
  ip_not_allowed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The one error body of /api/v1 (the OAuth endpoints speak RFC 6749's, lib/authority/oauth-errors.ts). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const API_ERROR = Symbol.for("pat-console.api-error");

/** `instanceof ApiError` holds for an ApiError made by any copy of this module: Next's bundles
 * and the custom server's (server/) each have one in the same process, and an error made by one
 * (a rate limit on globalThis, say) is answered by another's handler. */
export class ApiError extends Error {
  readonly status: number;
  readonly [API_ERROR] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[API_ERROR] === true;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = ERROR_STATUS[code];
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError("invalid_request", message, details);
export const notFound = (what = "Resource") => new ApiError("not_found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") => new ApiError("forbidden", message);
export const conflict = (message: string) => new ApiError("conflict", message);
export const policyViolation = (message: string) => new ApiError("policy_violation", message);

/** Turns a zod error into one readable sentence plus per-field details. */
export function fromZodError(error: z.ZodError): ApiError {
  const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = details[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "Invalid request";
  return badRequest(message, details);
}

const prismaCode = (error: unknown) =>
  typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;

// The database is gone, not the query wrong: it can't be reached or doesn't exist. Prisma's
// connection codes (P1001 can't reach, P1002/P1008 timed out, incl. SQLite's "database is
// locked", P1003 database does not exist, P1017 connection closed, P2024 pool timeout), the
// driver adapters' connection kinds, PostgreSQL's SQLSTATEs (class 08 connection, 3D000 no such
// database, 57P01-03 shutdown, 53300 too many connections, 55000 FATAL "not accepting
// connections"), the socket errors a raw driver call (the token hot path) rejects with
// (ECONNREFUSED...), node-postgres's own connection messages, which carry no code, and SQLite's
// busy, locked, can't-open and I/O errors (and better-sqlite3's missing directory). Anything
// else stays a 500.
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1003", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "DatabaseDoesNotExist", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|3D000|57P0[123]|53300)$/;
const UNAVAILABLE_SQLITE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR)/;
const UNAVAILABLE_SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Cannot open database because the directory does not exist)/;

type DriverFailure = { code?: unknown; kind?: unknown; originalCode?: unknown; severity?: unknown; message?: unknown; errors?: unknown };

function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as DriverFailure & { meta?: { driverAdapterError?: { cause?: DriverFailure } }; cause?: DriverFailure };
  const code = String(e.code ?? "");
  if (UNAVAILABLE_PRISMA.has(code) || UNAVAILABLE_SQLITE.test(code)) return true;
  // P2039 and raw driver errors: look at what the driver said.
  // (An AggregateError, as a connection to every address of "localhost" refused, holds them in errors.)
  const nested = Array.isArray(e.errors) ? (e.errors as DriverFailure[]) : [];
  for (const cause of [e.meta?.driverAdapterError?.cause, e.cause, e, ...nested]) {
    if (!cause || typeof cause !== "object") continue;
    if (UNAVAILABLE_KINDS.has(String(cause.kind))) return true;
    const sqlState = String(cause.originalCode ?? cause.code ?? "");
    if (UNAVAILABLE_SQLSTATE.test(sqlState) || UNAVAILABLE_SQLITE.test(sqlState) || UNAVAILABLE_SOCKET.has(sqlState)) return true;
    if (sqlState === "55000" && cause.severity === "FATAL") return true;
    if (typeof cause.message === "string" && UNAVAILABLE_MESSAGE.test(cause.message)) return true;
  }
  return false;
}

/** Any thrown value as an ApiError; unknown ones are logged and become a generic 500. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) return fromZodError(error);
  if (isDatabaseUnavailable(error)) {
    countDatabaseError("unavailable");
    logger().error({ code: String((error as DriverFailure).code ?? "") }, `Database unavailable: ${error instanceof Error ? error.name : "error"}`);
    return new ApiError("service_unavailable", "The database is unavailable. Try again shortly.", undefined, { "Retry-After": "5" });
  }
  const code = prismaCode(error);
  if (typeof code === "string" && /^P\d{4}$/.test(code)) countDatabaseError(code);
  if (code === "P2002") return conflict("It already exists");
  if (code === "P2025") return notFound(); // deleted while we worked on it
  // Logged without the request: bodies and headers may hold secrets.
  logger().error(`Unhandled error: ${errorText(error)}`);
  return new ApiError("internal_error", "Something went wrong on our side. Try again.");
}

/** The one error body: { error: { code, message, details? } }. */
export function errorBody(apiError: ApiError): z.infer<typeof errorBodySchema> {
  const body: z.infer<typeof errorBodySchema> = {
    error: { code: apiError.code, message: apiError.message },
  };
  if (apiError.details !== undefined) body.error.details = apiError.details;
  return body;
}

/** The one error answer (lib/api/handler.ts, withAuth and the lane send it as it is). */
export function errorReply(error: unknown): ApiReply {
  const apiError = toApiError(error);
  return jsonReply(apiError.status, errorBody(apiError), apiError.headers);
}

/** The error answer as a Response of Next's (route files outside lib/api/handler.ts, proxy.ts). */
export function errorResponse(error: unknown): NextResponse {
  const { status, headers, body } = errorReply(error);
  return new NextResponse(body, { status, headers });
}

// One error type and one mapping to HTTP. Every error leaves as
// { "error": { "code", "message", "details"? } }; nothing internal (stack, SQL) ever does.
import { NextResponse } from "next/server";
import { z } from "zod";

export type ErrorCode =
  | "invalid_request"
  | "invalid_json"
  | "unauthorized"
  | "invalid_token"
  | "forbidden"
  | "insufficient_scope"
  | "cross_origin"
  | "not_found"
  | "conflict"
  | "method_not_allowed"
  | "payload_too_large"
  | "policy_violation"
  | "service_unavailable"
  | "internal_error";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (message: string, details?: unknown) => new ApiError(400, "invalid_request", message, details);
export const notFound = (what = "Resource") => new ApiError(404, "not_found", `${what} not found`);
export const forbidden = (message = "You are not allowed to do this") => new ApiError(403, "forbidden", message);
export const conflict = (message: string) => new ApiError(409, "conflict", message);

/** Turns a zod error into one readable sentence plus per-field details. */
export function fromZodError(error: z.ZodError): ApiError {
  const details = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = details[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "Invalid request";
  return new ApiError(400, "invalid_request", message, details);
}

const prismaCode = (error: unknown) =>
  typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;

export function errorResponse(error: unknown): NextResponse {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof z.ZodError) apiError = fromZodError(error);
  else if (prismaCode(error) === "P2002") apiError = conflict("It already exists");
  else if (prismaCode(error) === "P2025") apiError = notFound(); // deleted while we worked on it
  else {
    // Logged without the request: bodies and headers may hold secrets.
    console.error("Unhandled error:", error instanceof Error ? `${error.name}: ${error.message}` : error);
    apiError = new ApiError(500, "internal_error", "Something went wrong on our side. Try again.");
  }
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: apiError.code, message: apiError.message },
  };
  if (apiError.details !== undefined) body.error.details = apiError.details;
  return NextResponse.json(body, { status: apiError.status, headers: apiError.headers });
}

// SCIM 2.0's error shape (RFC 7644 3.12), spoken by /scim/v2 only: { schemas, status (a string),
// scimType?, detail }, as application/scim+json. The console's /api/v1 errors keep theirs
// (lib/errors.ts); this is the one mapping from the console's codes to SCIM's, as
// lib/authority/oauth-errors.ts is for OAuth.
import { NextResponse } from "next/server";
import { toApiError, type ErrorCode } from "@/lib/errors";

export const SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const SCIM_CONTENT_TYPE = "application/scim+json";

/** RFC 7644 table 9 (the ones this server answers). */
export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue" | "invalidVers" | "sensitive";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ScimError";
  }
}

export const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const invalidPath = (detail: string) => new ScimError(400, detail, "invalidPath");
export const noTarget = (detail: string) => new ScimError(400, detail, "noTarget");
export const mutability = (detail: string) => new ScimError(400, detail, "mutability");
export const uniqueness = (detail: string) => new ScimError(409, detail, "uniqueness");
export const scimNotFound = (what: string) => new ScimError(404, `${what} not found`);

/** The console's error codes as a SCIM client should read them (status kept; a scimType where one fits). */
const FROM_CONSOLE: Partial<Record<ErrorCode, ScimType>> = {
  invalid_json: "invalidSyntax",
  invalid_request: "invalidValue",
  payload_too_large: "tooMany",
  conflict: "uniqueness",
};

/** A thrown value as its SCIM status, scimType and detail (nothing internal: unknown errors are a generic 500). */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  const apiError = toApiError(error);
  // 413 keeps its status (RFC 7644 3.12 lists it: the body is larger than maxPayloadSize).
  return new ScimError(apiError.status, apiError.message, apiError.status === 413 ? undefined : FROM_CONSOLE[apiError.code], apiError.headers);
}

export type ScimErrorBody = { schemas: [typeof SCIM_ERROR_SCHEMA]; status: string; scimType?: ScimType; detail: string };

export function scimErrorBody(error: ScimError): ScimErrorBody {
  return { schemas: [SCIM_ERROR_SCHEMA], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.message };
}

/** A SCIM JSON answer (application/scim+json, never cached). */
export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): NextResponse {
  return new NextResponse(JSON.stringify(body), { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers } });
}

export function scimErrorResponse(error: unknown): NextResponse {
  const scim = toScimError(error);
  return scimJson(scimErrorBody(scim), scim.status, scim.headers);
}

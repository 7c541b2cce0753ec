import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/next-auth";
import { ApiError, badRequest, errorResponse } from "@/lib/errors";
import { AUTH_MAX_BODY_BYTES } from "@/lib/auth/limits";
import { readBodyBytes } from "@/lib/http";

type Context = { params: Promise<{ nextauth: string[] }> };

/** The password sign-in routes: a browser's form (next-auth's client posts one), nothing else. */
const CREDENTIALS = new Set(["callback/credentials", "signin/credentials"]);

/**
 * What next-auth would answer 500 to, as a 4xx in the one error body: a GET of the credentials
 * callback ("not supported"), and a JSON body that does not parse (it calls req.json()). The
 * sign-in routes take only a form, as next-auth reads no other body there.
 */
function refusal(action: string, method: string, contentType: string, body: Uint8Array | null): ApiError | null {
  if (action === "callback/credentials" && method !== "POST") {
    return new ApiError("method_not_allowed", "Sign-in posts a form to this address", undefined, { Allow: "POST" });
  }
  if (body === null) return null;
  const json = contentType.includes("application/json");
  if (CREDENTIALS.has(action) && (json || !contentType.includes("application/x-www-form-urlencoded"))) {
    return badRequest("Sign-in takes a form body (application/x-www-form-urlencoded)");
  }
  if (json) {
    try {
      JSON.parse(new TextDecoder().decode(body));
    } catch {
      return new ApiError("invalid_json", "The request body is not valid JSON");
    }
  }
  return null;
}

async function handler(req: NextRequest, context: Context) {
  try {
    let body: Uint8Array | null = null;
    if (req.method === "POST") {
      // Read with the limit (Content-Length, then a counted stream), then hand next-auth the same bytes.
      body = await readBodyBytes(req, AUTH_MAX_BODY_BYTES);
    }
    const action = ((await context.params).nextauth ?? []).join("/");
    const refused = refusal(action, req.method, req.headers.get("content-type")?.toLowerCase() ?? "", body);
    if (refused) throw refused;
    if (body !== null) req = new NextRequest(req.url, { method: req.method, headers: req.headers, body: body as BodyInit });
  } catch (error) {
    return errorResponse(error);
  }
  return NextAuth(req as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };

import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/next-auth";
import { errorResponse } from "@/lib/errors";
import { AUTH_MAX_BODY_BYTES } from "@/lib/body-limits.mjs";
import { readBodyBytes } from "@/lib/http";

type Context = { params: Promise<{ nextauth: string[] }> };


async function handler(req: NextRequest, context: Context) {
  if (req.method === "POST") {
    try {
      // Read with the limit (Content-Length, then a counted stream), then hand next-auth the same bytes.
      const body = await readBodyBytes(req, AUTH_MAX_BODY_BYTES);
      req = new NextRequest(req.url, { method: req.method, headers: req.headers, body: body as BodyInit });
    } catch (error) {
      return errorResponse(error);
    }
  }
  return NextAuth(req as never, context as never, getAuthOptions());
}

export { handler as GET, handler as POST };

import { NextResponse } from "next/server";
import { z } from "zod";
import { withAuth } from "@/lib/auth/with-auth";
import { introspect } from "@/lib/authority/introspect";
import { parseFormOrJson, publicOrigin } from "@/lib/http";

const schema = z.object({ token: z.string({ error: "token is required" }).min(1, "token is required").max(4096), token_type_hint: z.string().optional() });

/** RFC 7662, for callers holding the introspection:read permission (admins, role "introspector"). */
export const POST = withAuth("POST /api/v1/oauth/introspect", async (req) => {
  const { token } = await parseFormOrJson(req, schema);
  return NextResponse.json(await introspect(token, publicOrigin()), { headers: { "Cache-Control": "no-store" } });
});

import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody } from "@/lib/http";
import { rotateSchema } from "@/lib/schemas/token";
import { rotateSelf, selfCaller } from "@/lib/tokens/rotation";

// A static segment: /api/v1/tokens/self/rotate is this route, never [id] = "self" (token ids are cuids).
export const POST = withAuth("POST /api/v1/tokens/self/rotate", async (req, caller) => {
  const self = selfCaller(caller); // a session cookie is refused before the body is read
  const result = await rotateSelf(self, await parseBody(req, rotateSchema, { optional: true }));
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
});

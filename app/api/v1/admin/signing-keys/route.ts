import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { listSigningKeys, rotateSigningKey } from "@/lib/authority/keys";

/** The JWT signing keys: which signs now, which waits to, which are kept for tokens in flight. */
export const GET = withAuth("GET /api/v1/admin/signing-keys", async () => NextResponse.json({ keys: await listSigningKeys() }));

/** Rotate: publish a new key that signs once every verifier's cached JWKS holds it. */
export const POST = withAuth("POST /api/v1/admin/signing-keys", async (_req, { audit }) => {
  const result = await rotateSigningKey(audit);
  return NextResponse.json(result, { status: result.created ? 201 : 200 });
});

import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { previewUnusedPolicy } from "@/lib/lifecycle/unused-policy";

/** The unused-token policy's dry run: what it has warned about and would revoke; changes nothing. */
export const GET = withAuth("GET /api/v1/admin/unused-tokens", async () => NextResponse.json(await previewUnusedPolicy()));

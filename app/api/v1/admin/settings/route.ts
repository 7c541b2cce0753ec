import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody } from "@/lib/http";
import { getSettings, updateSettings } from "@/lib/policy/settings";
import { settingsSchema } from "@/lib/schemas/settings";

export const GET = withAuth(async () => NextResponse.json(await getSettings()), { adminOnly: true });

export const PUT = withAuth(async (req) => NextResponse.json(await updateSettings(await parseBody(req, settingsSchema))), {
  adminOnly: true,
});

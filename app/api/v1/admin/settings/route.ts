import { NextResponse } from "next/server";
import { withAuth } from "@/lib/auth/with-auth";
import { parseBody } from "@/lib/http";
import { getSettings, updateSettings } from "@/lib/policy/settings";
import { settingsSchema } from "@/lib/schemas/settings";

export const GET = withAuth("GET /api/v1/admin/settings", async () => NextResponse.json(await getSettings()));

export const PUT = withAuth("PUT /api/v1/admin/settings", async (req, { audit }) =>
  NextResponse.json(await updateSettings(audit, await parseBody(req, settingsSchema))),
);

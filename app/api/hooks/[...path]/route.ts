import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { clientIp } from "@/lib/http";
import { errorResponse, notFound } from "@/lib/errors";
import { receive } from "@/lib/webhooks/service";

const pathSchema = z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/)).min(1).max(10);

/** Incoming webhooks: /api/hooks/<endpoint path>. */
async function handler(req: NextRequest, { params }: { params: Promise<{ path: string[] }> }) {
  try {
    const parsed = pathSchema.safeParse((await params).path);
    if (!parsed.success) throw notFound("Webhook endpoint");
    const { id } = await receive(parsed.data.join("/"), req, clientIp(req.headers));
    return NextResponse.json({ received: true, id }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}

export { handler as POST, handler as PUT, handler as PATCH };

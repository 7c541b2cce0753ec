// Prometheus metrics for a caller holding metrics:read (a token, usually the scraper's). When
// METRICS_PORT is set they are served on that port instead (scripts/server.mjs) and this route
// is not there at all.
import { withAuth } from "@/lib/auth/with-auth";
import { errorResponse, notFound } from "@/lib/errors";
import { renderMetrics } from "@/lib/observability/metrics.mjs";

export const dynamic = "force-dynamic";

const serveMetrics = withAuth("GET /api/metrics", async () => {
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});

export const GET: typeof serveMetrics = (req, ctx) =>
  process.env.METRICS_PORT?.trim() ? Promise.resolve(errorResponse(notFound("API route"))) : serveMetrics(req, ctx);

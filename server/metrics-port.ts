// METRICS_PORT: the Prometheus metrics on a port of their own, at /metrics, without
// credentials: bind it where only the scraper reaches it (METRICS_HOST, default 127.0.0.1).
import { createServer, type Server } from "node:http";
import type { OpsSettings } from "@/lib/env";
import { errorText, logger } from "@/lib/observability/logger";
import { renderMetrics } from "@/lib/observability/metrics";

type Render = typeof renderMetrics;

/** `render`: this process's metrics, or (the primary of several workers) all of theirs. */
export function serveMetrics(ops: OpsSettings, render: Render = renderMetrics): Server | undefined {
  if (ops.metricsPort === null) return undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { Allow: "GET, HEAD" }).end();
    if (path !== "/metrics" && path !== "/") return void res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found: the metrics are at /metrics\n");
    render().then(
      ({ contentType, body }) => res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" }).end(req.method === "HEAD" ? undefined : body),
      (error) => {
        logger().error(`Metrics failed: ${errorText(error)}`);
        res.writeHead(500).end();
      },
    );
  });
  const host = ops.metricsHost.includes(":") ? `[${ops.metricsHost}]` : ops.metricsHost;
  server.listen(ops.metricsPort, ops.metricsHost, () => console.log(`Metrics on http://${host}:${ops.metricsPort}/metrics`));
  return server;
}

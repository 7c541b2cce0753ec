// The HTTP server in front of Next (`npm start`, `npm run dev`, the e2e server). Route handlers
// only see headers, never the socket, so this is where the client address is decided: from the
// TCP peer and TRUST_PROXY (server/client-address.mjs), written into one internal header that
// replaces anything a client sent under that name. `--dev` serves `next dev`.
// It also takes each request's log line and HTTP metrics (server/observe.mjs), serves
// the metrics on METRICS_PORT when set, and stops gracefully on SIGTERM/SIGINT: no new
// connections, requests in flight finish (SHUTDOWN_TIMEOUT_SECONDS at most), readiness answers
// 503 meanwhile, then the registered flushers run (lib/shutdown.mjs) and the process exits 0.
// Bodies over the limit at the door (server/body-limits.mjs) get 413 before Next buffers them;
// methods no route serves get 405 and paths that are not valid percent-encoding 400 (server/door.mjs).
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { admitBody } from "./body-limits.mjs";
import { doorRefusal, refuse } from "./door.mjs";
import { CLIENT_IP_HEADER, parseTrustProxy } from "../lib/client-address.mjs";
import { clientAddress } from "./client-address.mjs";
import { observeRequest } from "./observe.mjs";
import { errorText, logger } from "../lib/observability/logger.mjs";
import { metrics, renderMetrics } from "../lib/observability/metrics.mjs";
import { parseOpsSettings } from "../lib/observability/settings.mjs";
import { isDraining, runShutdown, startDraining } from "../lib/shutdown.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);

let trust;
let ops;
try {
  trust = parseTrustProxy(process.env.TRUST_PROXY);
  ops = parseOpsSettings(process.env);
} catch (error) {
  console.error(`Invalid settings:\n  ${error.message}`);
  process.exit(1);
}

// Set before Next loads, as `next start` / `next dev` do.
process.env.NODE_ENV ??= dev ? "development" : "production";
metrics(); // the registry exists (and samples the process) before the first request
const { default: next } = await import("next");
const app = next({ dev, dir: root, port, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
  if (address) req.headers[CLIENT_IP_HEADER] = address;
  else delete req.headers[CLIENT_IP_HEADER];
  if (isDraining()) res.setHeader("Connection", "close"); // a kept-alive client is let go after this answer
  observeRequest(req, res, () => {
    // Unknown methods and paths that are not valid percent-encoding (server/door.mjs): Next would 500.
    const refusal = doorRefusal(req.method, req.url);
    if (refusal) return void refuse(res, refusal);
    if (!admitBody(req, res)) return;
    // The refusal of a chunked body comes mid-request: Next's answer after it is dropped.
    return handle(req, res).catch((error) => {
      if (res.statusCode === 413 && res.writableEnded) return;
      logger().error(`Request failed: ${errorText(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
});
server.listen(port, () => {
  const how = trust.kind === "off" ? "TCP peer (TRUST_PROXY off)" : `X-Forwarded-For past ${trust.kind === "hops" ? `${trust.hops} proxy hop(s)` : "the trusted proxies"}`;
  console.log(`PAT console ready on http://localhost:${port} (${dev ? "development" : "production"}; client address from the ${how})`);
});

// Prometheus scrapes here without credentials: bind it where only the scraper reaches it.
let metricsServer;
if (ops.metricsPort !== null) {
  metricsServer = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return void res.writeHead(405, { Allow: "GET, HEAD" }).end();
    if (path !== "/metrics" && path !== "/") return void res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found: the metrics are at /metrics\n");
    renderMetrics().then(
      ({ contentType, body }) => res.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" }).end(req.method === "HEAD" ? undefined : body),
      (error) => {
        logger().error(`Metrics failed: ${errorText(error)}`);
        res.writeHead(500).end();
      },
    );
  });
  metricsServer.listen(ops.metricsPort, ops.metricsHost, () => console.log(`Metrics on http://${ops.metricsHost.includes(":") ? `[${ops.metricsHost}]` : ops.metricsHost}:${ops.metricsPort}/metrics`));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

let stopping = false;
async function shutdown(signal) {
  if (stopping) return; // `npm start` forwards the terminal's signal: the second one changes nothing
  stopping = true;
  const seconds = ops.shutdownTimeoutMs / 1000;
  logger().info({ signal }, `${signal}: stopping (requests in flight get ${seconds} s to finish)`);
  startDraining();
  const closed = new Promise((resolve) => server.close(() => resolve(false)));
  metricsServer?.close();
  // Kept-alive connections between requests are closed now and as each request ends.
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const timedOut = await Promise.race([closed, sleep(ops.shutdownTimeoutMs).then(() => true)]);
  clearInterval(idle);
  if (timedOut) {
    logger().warn(`Requests still running after ${seconds} s: closing their connections`);
    server.closeAllConnections();
  }
  const { failed } = await runShutdown({ timeoutMs: ops.shutdownTimeoutMs });
  logger().info({ failed }, failed.length ? `Stopped; these shutdown steps failed: ${failed.join(", ")}` : "Stopped");
  process.exit(failed.length ? 1 : 0);
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown(signal));

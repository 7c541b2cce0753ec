// The HTTP server in front of Next (`npm start`, `npm run dev`, the e2e server), bundled with
// the TypeScript domain it uses into <NEXT_DIST_DIR>/pat-server/main.mjs by scripts/build.mjs
// (esbuild; packages stay external). Route handlers only see headers, never the socket, so this
// is where the client address is decided: from the TCP peer and TRUST_PROXY
// (server/client-address.ts), written into one internal header that replaces anything a client
// sent under that name. `--dev` serves `next dev`.
// Introspection and the permission check are answered here, before Next's router, by the same
// handlers (server/lane.ts: the verification lane).
// It also takes each request's log line and HTTP metrics (server/observe.ts), serves the metrics
// on METRICS_PORT when set (server/metrics-port.ts), and stops gracefully on SIGTERM/SIGINT
// (server/shutdown.ts). Bodies over the limit at the door (server/body-limits.ts) get 413 before
// Next buffers them; methods no route serves get 405 and paths that are not valid
// percent-encoding 400 (server/door.ts).
// This bundle and Next's are two copies of every lib module they share, in one process: state
// that must be one (logger, metrics, request context, shutdown registry and draining flag, token
// cache, rate-limit stores, database client) lives on globalThis under a Symbol.for key or a
// global name (tests/server-bundle.test.ts).
// WEB_CONCURRENCY > 1 (`npm start` only): this process is the cluster's primary (server/cluster.ts),
// which loads no Next and forks that many workers, each running the rest of this file.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { declareNodeEnvironment, loadEnv, type Env } from "@/lib/env";
import { CLIENT_IP_HEADER } from "@/lib/client-address";
import { errorText, logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { isDraining } from "@/lib/shutdown";
import { admitBody } from "./body-limits";
import { clientAddress } from "./client-address";
import { runPrimary } from "./cluster";
import { doorRefusal, refuse } from "./door";
import { serveMetrics } from "./metrics-port";
import { observeRequest } from "./observe";
import { stopOnSignals } from "./shutdown";

const dev = process.argv.includes("--dev");
// Set before Next loads, as `next start` / `next dev` do.
declareNodeEnvironment(dev ? "development" : "production");

let settings: Env;
try {
  settings = loadEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
if (cluster.isPrimary && settings.webConcurrency > 1 && !dev) runPrimary(settings.webConcurrency, settings.ops);
else await serve(settings);

async function serve(settings: Env) {
  const { port, trustProxy: trust, ops } = settings;

  metrics(); // the registry exists (and samples the process) before the first request
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), port, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  // After Next is prepared: the lane imports Next's modules (lib/api), which expect the
  // environment Next's server sets up (its AsyncLocalStorage global). Not under `next dev`: the
  // lane runs the lib code bundled at start, and development wants every route to reload.
  const lane = dev ? null : await import("./lane");

  const server = createServer((req, res) => {
    const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
    if (address) req.headers[CLIENT_IP_HEADER] = address;
    else delete req.headers[CLIENT_IP_HEADER];
    if (isDraining()) res.setHeader("Connection", "close"); // a kept-alive client is let go after this answer
    observeRequest(req, res, () => {
      // Unknown methods and paths that are not valid percent-encoding (server/door.ts): Next would 500.
      const refusal = doorRefusal(req.method, req.url);
      if (refusal) return void refuse(res, refusal);
      if (!admitBody(req, res)) return;
      // Introspection and the permission check: the same handlers, without Next's router (server/lane.ts).
      const entry = lane?.laneFor(req.method, req.url);
      // The refusal of a chunked body comes mid-request: the answer after it is dropped.
      return (entry ? lane!.serveLane(entry, req, res) : handle(req, res)).catch((error: unknown) => {
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

  // Several workers: the primary serves METRICS_PORT, summing theirs (server/cluster.ts).
  const metricsServer = cluster.isWorker ? undefined : serveMetrics(ops);
  stopOnSignals(server, [metricsServer], ops.shutdownTimeoutMs);
}

// The graceful stop on SIGTERM/SIGINT: no new connections, requests in flight finish
// (SHUTDOWN_TIMEOUT_SECONDS at most), readiness answers 503 meanwhile (the draining flag of
// lib/shutdown.ts, shared with Next's bundle), then the flushers and closers the app registered
// run (lib/shutdown.ts runShutdown) and the process exits (0, or 1 when a step failed).
import type { Server } from "node:http";
import { errorText, logger } from "@/lib/observability/logger";
import { runShutdown, startDraining } from "@/lib/shutdown";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Stops `server` (and the metrics server) on the first SIGINT or SIGTERM. */
export function stopOnSignals(server: Server, others: (Server | undefined)[], timeoutMs: number) {
  let stopping = false;
  async function shutdown(signal: NodeJS.Signals) {
    if (stopping) return; // `npm start` forwards the terminal's signal: the second one changes nothing
    stopping = true;
    const seconds = timeoutMs / 1000;
    logger().info({ signal }, `${signal}: stopping (requests in flight get ${seconds} s to finish)`);
    startDraining();
    const closed = new Promise<boolean>((resolve) => server.close(() => resolve(false)));
    for (const other of others) other?.close();
    // Kept-alive connections between requests are closed now and as each request ends.
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const timedOut = await Promise.race([closed, sleep(timeoutMs).then(() => true)]);
    clearInterval(idle);
    if (timedOut) {
      logger().warn(`Requests still running after ${seconds} s: closing their connections`);
      server.closeAllConnections();
    }
    const { failed } = await runShutdown({ timeoutMs });
    logger().info({ failed }, failed.length ? `Stopped; these shutdown steps failed: ${failed.join(", ")}` : "Stopped");
    process.exit(failed.length ? 1 : 0);
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => void shutdown(signal).catch((error) => {
      logger().error(`Shutdown failed: ${errorText(error)}`);
      process.exit(1);
    }));
  }
}

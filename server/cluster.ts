// WEB_CONCURRENCY > 1: this process is the primary of a node:cluster. It serves nothing itself:
// it forks the workers (each runs server/main.ts as a single process would, on the shared port),
// relays token-cache drops between them (lib/tokens/worker-messages.ts: a drop is answered once
// every other worker acknowledged it, or after ACK_TIMEOUT_MS, logged), forwards SIGTERM/SIGINT
// to every worker for their graceful stop (server/shutdown.ts) and exits when they all have
// (1 if any failed), serves METRICS_PORT with every worker's metrics summed, and restarts a worker that dies unexpectedly. A worker that dies before it
// ever listened stops the whole instance (a start that fails would fail again). One worker runs
// the background jobs (lib/bootstrap.ts: the lifecycle job), its replacement too.
// Memory: one relay entry per drop in flight, each gone when answered or timed out.
import cluster, { type Worker } from "node:cluster";
import type { OpsSettings } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { renderClusterMetrics } from "@/lib/observability/metrics";
import { ACK_TIMEOUT_MS, isCacheMessage } from "@/lib/tokens/worker-messages";
import { serveMetrics } from "./metrics-port";

type Relay = { from: Worker; id: number; waiting: Set<number>; timer: NodeJS.Timeout };

export function runPrimary(workers: number, ops: OpsSettings) {
  const relays = new Map<number, Relay>();
  let nextRelay = 0;
  let stopping = false;
  let failed = false;
  const listened = new Set<number>();

  const answer = (relayId: number) => {
    const relay = relays.get(relayId);
    if (!relay) return;
    clearTimeout(relay.timer);
    relays.delete(relayId);
    if (relay.from.isConnected()) relay.from.send({ pat: "cache-done", id: relay.id });
  };

  const relayDrop = (from: Worker, id: number, message: string) => {
    const others = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w !== from && w.isConnected());
    const relayId = ++nextRelay;
    const timer = setTimeout(() => {
      const hung = [...(relays.get(relayId)?.waiting ?? [])];
      logger().error({ workers: hung }, `Workers ${hung.join(", ")} did not confirm a token cache drop within ${ACK_TIMEOUT_MS} ms: answering without them`);
      answer(relayId);
    }, ACK_TIMEOUT_MS);
    timer.unref();
    relays.set(relayId, { from, id, waiting: new Set(others.map((w) => w.id)), timer });
    for (const worker of others) worker.send({ pat: "cache-relay", id: relayId, message });
    if (others.length === 0) answer(relayId);
  };

  const acknowledged = (worker: Worker, relayId: number) => {
    const relay = relays.get(relayId);
    relay?.waiting.delete(worker.id);
    if (relay && relay.waiting.size === 0) answer(relayId);
  };

  // The worker that runs the background jobs (the lifecycle job): one, replaced like the others.
  let jobsWorker: number | null = null;
  const fork = () => {
    const jobs = jobsWorker === null;
    const worker = cluster.fork({ PAT_WORKER_JOBS: jobs ? "1" : "0" });
    if (jobs) jobsWorker = worker.id;
    worker.on("message", (message: unknown) => {
      if (!isCacheMessage(message)) return;
      if (message.pat === "cache-drop") relayDrop(worker, message.id, message.message);
      else if (message.pat === "cache-ack") acknowledged(worker, message.id);
    });
    worker.on("listening", () => listened.add(worker.id));
  };

  cluster.on("exit", (worker, code, signal) => {
    // A worker gone is no longer waited for.
    for (const [relayId, relay] of relays) {
      if (relay.from === worker) {
        clearTimeout(relay.timer);
        relays.delete(relayId);
      } else acknowledged(worker, relayId);
    }
    if (code !== 0) failed = true;
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!listened.has(worker.id)) {
      logger().error(`Worker ${worker.process.pid} exited (${how}) before it served: stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    listened.delete(worker.id);
    if (jobsWorker === worker.id) jobsWorker = null;
    failed = false;
    logger().error(`Worker ${worker.process.pid} died (${how}); starting another`);
    fork();
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return; // `npm start` forwards the terminal's signal: the second one changes nothing
      stopping = true;
      metricsServer?.close();
      logger().info({ signal }, `${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }

  // METRICS_PORT: every worker's counters summed (a scrape of one worker would see only its share).
  const metricsServer = serveMetrics(ops, renderClusterMetrics);
  for (let i = 0; i < workers; i++) fork();
  logger().info({ workers }, `Primary ${process.pid}: starting ${workers} workers`);
}

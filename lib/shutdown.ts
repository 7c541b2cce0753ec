// What runs when the server stops (SIGTERM/SIGINT, server/shutdown.ts): lib code registers
// its flushers here (the last-used writes now, the usage counters too) and the things to close
// last (the database). On globalThis: the server bundle and Next's bundle are separate module
// instances of this file in one process and must see one registry (and one draining flag).
// Order: the server stops accepting and drains requests (readiness answers 503 meanwhile), then
// every "flush" handler runs (together), then every "close" handler (together); each phase is
// bounded by a timeout, so a database that hangs can't keep the process alive.
import { errorText, logger } from "./observability/logger";

const KEY = Symbol.for("pat-console.shutdown");

export type ShutdownPhase = "flush" | "close";
type ShutdownState = { handlers: Map<string, { fn: () => unknown; phase: ShutdownPhase }>; draining: boolean; running: Promise<{ failed: string[] }> | null };

function state(): ShutdownState {
  const g = globalThis as unknown as Record<symbol, ShutdownState | undefined>;
  return (g[KEY] ??= { handlers: new Map(), draining: false, running: null });
}

/**
 * Runs `fn` at shutdown. A name registers once (a module loaded twice replaces its own entry).
 * Phase "flush" (default): write what is pending; "close": after every flush.
 */
export function onShutdown(name: string, fn: () => unknown, { phase = "flush" }: { phase?: ShutdownPhase } = {}) {
  state().handlers.set(name, { fn, phase });
}

/** The names registered, per phase (for tests and the shutdown log). */
export function shutdownHandlers() {
  const all = [...state().handlers.entries()];
  return { flush: all.filter(([, h]) => h.phase === "flush").map(([n]) => n), close: all.filter(([, h]) => h.phase === "close").map(([n]) => n) };
}

/** True once the server began to stop: readiness answers 503 (app/api/ready). */
export function isDraining() {
  return state().draining;
}

export function startDraining() {
  state().draining = true;
}

/** The names that failed or timed out. */
async function runPhase(phase: ShutdownPhase, timeoutMs: number): Promise<string[]> {
  const entries = [...state().handlers.entries()].filter(([, h]) => h.phase === phase);
  const failed: string[] = [];
  await Promise.all(
    entries.map(async ([name, { fn }]) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([Promise.resolve().then(fn), timeout]);
      } catch (error) {
        failed.push(name);
        logger().error({ handler: name, phase }, `Shutdown step ${name} failed: ${errorText(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return failed;
}

/** Every flush handler, then every close handler (each phase bounded by `timeoutMs`); runs once
 * (later calls get the same result). */
export function runShutdown({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<{ failed: string[] }> {
  const s = state();
  s.draining = true;
  return (s.running ??= (async () => {
    const failed = [...(await runPhase("flush", timeoutMs)), ...(await runPhase("close", timeoutMs))];
    return { failed };
  })());
}

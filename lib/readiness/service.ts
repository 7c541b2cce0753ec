// What GET /api/ready answers. The database check is built in (a cheap query, bounded in time);
// other parts register theirs (lib/bootstrap.ts: the PostgreSQL cache-sync channel). The table
// is on globalThis: instrumentation and route handlers are separate bundles in one process.
import { isDraining } from "@/lib/shutdown";
import { pingDatabase } from "./sql";

export type CheckState = "ok" | "down";
type Check = () => boolean | Promise<boolean>;

const CHECK_TIMEOUT_MS = 2_000;
const globalForChecks = globalThis as unknown as { patReadinessChecks?: Map<string, Check> };
const checks = (globalForChecks.patReadinessChecks ??= new Map());

/** Adds (or replaces) a named check: true when that part is up. */
export function registerReadinessCheck(name: string, check: Check) {
  checks.set(name, check);
}

export function unregisterReadinessCheck(name: string) {
  checks.delete(name);
}

async function run(check: Check): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([Promise.resolve().then(check), timeout])) ? "ok" : "down";
  } catch {
    return "down"; // no internals in the answer: the name of the check says what is down
  } finally {
    clearTimeout(timer);
  }
}

export type Readiness = { ready: boolean; body: { status: "ready" | "unavailable" | "draining"; checks: Record<string, CheckState> } };

export async function readiness(): Promise<Readiness> {
  const named: [string, Check][] = [["database", async () => (await pingDatabase(), true)], ...checks.entries()];
  const states = await Promise.all(named.map(async ([name, check]) => [name, await run(check)] as const));
  const result = Object.fromEntries(states);
  if (isDraining()) return { ready: false, body: { status: "draining", checks: result } };
  const ready = states.every(([, state]) => state === "ok");
  return { ready, body: { status: ready ? "ready" : "unavailable", checks: result } };
}

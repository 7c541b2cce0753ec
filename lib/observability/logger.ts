// Structured logs (pino): one JSON object per line on stdout, level from LOG_LEVEL. In
// development (`npm run dev`, or LOG_FORMAT=pretty) the same records print as short readable
// lines. Kept on globalThis, like metrics.ts: the server bundle (server/) and the code in
// Next's bundle are two copies of this module in one process and share one logger. Level and
// format come from the settings (lib/env.ts). What never goes in: secrets, cookies, passwords, credential
// headers, request bodies. Call sites log ids and outcomes only; redactSecrets is the second line of
// defence for a field that slips in under a known name.
import cluster from "node:cluster";
import pino from "pino";
import { loadEnv, parseLogLevel, type LogLevel } from "../env";

const KEY = Symbol.for("pat-console.logger");
export { LOG_LEVELS, parseLogLevel } from "../env";

/** Field names whose values are replaced by "[redacted]": in the logged object and in the objects
 * (and arrays) it holds, two levels down. */
const SECRET_FIELDS = new Set([
  "authorization", "cookie", "set-cookie", "x-personal-token", "proxy-authorization",
  "password", "secret", "token", "subject_token", "client_secret", "access_token", "refresh_token", "id_token", "body",
]);
const CENSOR = "[redacted]";
const LEVELS_DEEP = 3;

/**
 * `object` with the value of every field under a secret name replaced, down to LEVELS_DEEP
 * levels. The containers on the way to a secret are copied (the caller's object is never
 * changed); with no secret field, the usual case, it is the same object: a request's log line
 * costs a set lookup per field, not pino's redaction, which walks every path pattern per line.
 */
export function redactSecrets(object: Record<string, unknown>, level = 1): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(object)) {
    const value = object[key];
    let next = value;
    if (SECRET_FIELDS.has(key)) next = CENSOR;
    else if (level < LEVELS_DEEP && value !== null && typeof value === "object") next = redactSecrets(value as Record<string, unknown>, level + 1);
    if (next !== value) (copy ??= Array.isArray(object) ? ([...object] as unknown as Record<string, unknown>) : { ...object })[key] = next;
  }
  return copy ?? object;
}

export type Destination = { write(line: string): unknown };

const PRETTY_LEVEL: Record<string, string> = { trace: "TRACE", debug: "DEBUG", info: "INFO ", warn: "WARN ", error: "ERROR", fatal: "FATAL" };

/** A JSON line as "12:00:01 INFO  message key=value ..." (development). */
export function prettyLine(line: string): string {
  let record;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  const { time, level, msg, ...rest } = record;
  const clock = typeof time === "string" ? time.slice(11, 19) : "";
  let text = msg ?? "";
  if (msg === "request") {
    // "GET /api/v1/me 200 3.2 ms" first, the ids after.
    const { method, route, status, durationMs, ...ids } = rest;
    text = `${method} ${route} ${status} ${durationMs} ms`;
    for (const k of Object.keys(rest)) if (!(k in ids)) delete rest[k];
  }
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  return `${clock} ${PRETTY_LEVEL[level] ?? level} ${text}${fields.length ? `  ${fields.join(" ")}` : ""}\n`;
}

function createLogger() {
  let level: LogLevel = "info";
  let pretty = false;
  try {
    ({ logLevel: level, logPretty: pretty } = loadEnv().ops);
  } catch {
    // the settings check at start (lib/bootstrap.ts, server/main.ts) reports it and stops
  }
  const state = { destination: null as Destination | null, pretty };
  // pino writes to this sink, which forwards to the current destination: tests swap it in place.
  const sink = {
    write(line: string) {
      const out = state.destination ?? process.stdout;
      out.write(state.pretty && !state.destination ? prettyLine(line) : line);
    },
  };
  const logger = pino(
    {
      level,
      // No hostname on any line; the pid only when this is one of several workers (WEB_CONCURRENCY).
      base: cluster.isWorker ? { pid: process.pid } : undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: (object) => redactSecrets(object) },
    },
    sink,
  );
  return { logger, state };
}

function shared(): ReturnType<typeof createLogger> {
  const g = globalThis as unknown as Record<symbol, ReturnType<typeof createLogger> | undefined>;
  return (g[KEY] ??= createLogger());
}

/** The process's logger (a pino logger). */
export function logger() {
  return shared().logger;
}

/** Tests: send every line to `destination` (raw JSON lines) instead of stdout; null restores stdout. */
export function setLogDestination(destination: Destination | null) {
  shared().state.destination = destination;
}

/** The message of an error, without its stack or anything attached to it. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

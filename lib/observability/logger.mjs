// Structured logs (pino): one JSON object per line on stdout, level from LOG_LEVEL. In
// development (`npm run dev`, or LOG_FORMAT=pretty) the same records print as short readable
// lines. Plain JS and kept on globalThis, like metrics.mjs: server/server.mjs and the code in
// Next's bundle share one logger. What never goes in: secrets, cookies, passwords, credential
// headers, request bodies. Call sites log ids and outcomes only; `redact` is the second line of
// defence for a field that slips in under a known name.
import pino from "pino";

const KEY = Symbol.for("pat-console.logger");
export const LOG_LEVELS = /** @type {const} */ (["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

/** Field names whose values are replaced by "[redacted]" wherever pino finds them (two levels deep). */
const SECRET_FIELDS = [
  "authorization", "cookie", "set-cookie", "x-personal-token", "proxy-authorization",
  "password", "secret", "token", "subject_token", "client_secret", "access_token", "refresh_token", "id_token", "body",
];
const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => [`["${f}"]`, `*["${f}"]`, `*.*["${f}"]`]);

/** @typedef {{ write(line: string): unknown }} Destination */

/** @param {string | undefined} value */
export function parseLogLevel(value) {
  const level = (value ?? "").trim().toLowerCase() || "info";
  if (!(/** @type {readonly string[]} */ (LOG_LEVELS)).includes(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  return /** @type {(typeof LOG_LEVELS)[number]} */ (level);
}

const PRETTY_LEVEL = /** @type {Record<string, string>} */ ({ trace: "TRACE", debug: "DEBUG", info: "INFO ", warn: "WARN ", error: "ERROR", fatal: "FATAL" });

/** A JSON line as "12:00:01 INFO  message key=value ..." (development). @param {string} line */
export function prettyLine(line) {
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
  const state = {
    /** @type {Destination | null} */
    destination: null,
    pretty: process.env.LOG_FORMAT ? process.env.LOG_FORMAT === "pretty" : process.env.NODE_ENV === "development",
  };
  // pino writes to this sink, which forwards to the current destination: tests swap it in place.
  const sink = {
    /** @param {string} line */
    write(line) {
      const out = state.destination ?? process.stdout;
      out.write(state.pretty && !state.destination ? prettyLine(line) : line);
    },
  };
  let level;
  try {
    level = parseLogLevel(process.env.LOG_LEVEL);
  } catch {
    level = "info"; // the settings check (lib/env.ts, server/server.mjs) reports it
  }
  const logger = pino(
    {
      level,
      base: undefined, // no pid or hostname on every line
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    sink,
  );
  return { logger, state };
}

/** @returns {ReturnType<typeof createLogger>} */
function shared() {
  const g = /** @type {Record<symbol, ReturnType<typeof createLogger> | undefined>} */ (/** @type {unknown} */ (globalThis));
  return (g[KEY] ??= createLogger());
}

/** The process's logger (a pino logger). */
export function logger() {
  return shared().logger;
}

/** Tests: send every line to `destination` (raw JSON lines) instead of stdout; null restores stdout. @param {Destination | null} destination */
export function setLogDestination(destination) {
  shared().state.destination = destination;
}

/** The message of an error, without its stack or anything attached to it. @param {unknown} error */
export function errorText(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

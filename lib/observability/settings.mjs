// The operations settings, read by server/server.mjs before Next starts and checked again with
// the others in lib/env.ts (same function: one meaning, one message per variable).
import { isIP } from "node:net";
import { parseLogLevel } from "./logger.mjs";

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ metricsPort: number | null, metricsHost: string, logLevel: string, shutdownTimeoutMs: number }}
 */
export function parseOpsSettings(env = process.env) {
  const text = (/** @type {string} */ name) => env[name]?.trim() || undefined;
  const port = text("METRICS_PORT");
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw new Error("METRICS_PORT must be a port number (1-65535)");
  }
  if (port !== undefined && port === (text("PORT") ?? "3000")) throw new Error("METRICS_PORT must differ from PORT");
  const host = text("METRICS_HOST") ?? "127.0.0.1";
  if (host !== "localhost" && !isIP(host)) throw new Error("METRICS_HOST must be an IP address to bind (127.0.0.1, 0.0.0.0, ::) or localhost");
  const timeout = text("SHUTDOWN_TIMEOUT_SECONDS");
  if (timeout !== undefined && !(/^\d{1,4}$/.test(timeout) && Number(timeout) <= 3600)) {
    throw new Error("SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds (0-3600)");
  }
  const format = text("LOG_FORMAT");
  if (format !== undefined && format !== "json" && format !== "pretty") throw new Error("LOG_FORMAT must be json or pretty");
  return {
    metricsPort: port === undefined ? null : Number(port),
    metricsHost: host,
    logLevel: parseLogLevel(env.LOG_LEVEL),
    shutdownTimeoutMs: (timeout === undefined ? 10 : Number(timeout)) * 1000,
  };
}

// The logger's own guarantees (the real-server scan is tests/logs.test.ts): fields under secret
// names are redacted however deep they sit, the destination can be swapped, the development
// format is readable, and bad operations settings stop the server with a message naming them.
import { afterEach, describe, expect, it } from "vitest";
import { logger, prettyLine, redactSecrets, setLogDestination } from "@/lib/observability/logger";
import { parseOpsSettings } from "@/lib/env";

afterEach(() => setLogDestination(null));

describe("logger", () => {
  it("redacts credential fields at any of three levels, keeps ids", () => {
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => lines.push(line) });
    const fields = {
      password: "pw-1",
      tokenId: "cm-token",
      headers: { authorization: "Bearer pat_x1", cookie: "next-auth.session-token=abc", "x-personal-token": "pat_x2" },
      oauth: { form: { subject_token: "pat_x3", client_secret: "cs" } },
      calls: [{ token: "pat_x4", status: 401 }],
    };
    const before = structuredClone(fields);
    logger().info(fields, "hello");
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]);
    expect(record).toMatchObject({ level: "info", msg: "hello", tokenId: "cm-token", password: "[redacted]" });
    expect(lines[0]).not.toMatch(/pw-1|pat_x1|pat_x2|pat_x3|pat_x4|abc|"cs"/);
    expect(record.headers).toEqual({ authorization: "[redacted]", cookie: "[redacted]", "x-personal-token": "[redacted]" });
    expect(record.calls).toEqual([{ token: "[redacted]", status: 401 }]);
    // The caller's object is left as it was.
    expect(fields).toEqual(before);
  });

  it("passes an object without secret fields through as it is (a request line is not copied)", () => {
    const line = { reqId: "r1", method: "GET", route: "/api/v1/me", status: 200, durationMs: 1.5, actorId: "u1", tokenId: "t1", nested: { a: { b: 1 } } };
    expect(redactSecrets(line)).toBe(line);
  });

  it("prints a request line readably in development", () => {
    const line = JSON.stringify({ level: "info", time: "2026-01-02T03:04:05.000Z", reqId: "r1", method: "GET", route: "/api/v1/me", status: 200, durationMs: 1.5, msg: "request" });
    expect(prettyLine(line)).toBe("03:04:05 INFO  GET /api/v1/me 200 1.5 ms  reqId=r1\n");
  });

  it("settings: METRICS_PORT, METRICS_HOST, LOG_LEVEL, LOG_FORMAT, SHUTDOWN_TIMEOUT_SECONDS", () => {
    expect(parseOpsSettings({})).toEqual({ metricsPort: null, metricsHost: "127.0.0.1", logLevel: "info", shutdownTimeoutMs: 10_000 });
    expect(parseOpsSettings({ METRICS_PORT: "9464", METRICS_HOST: "0.0.0.0", LOG_LEVEL: "DEBUG", SHUTDOWN_TIMEOUT_SECONDS: "30" })).toEqual({
      metricsPort: 9464,
      metricsHost: "0.0.0.0",
      logLevel: "debug",
      shutdownTimeoutMs: 30_000,
    });
    expect(() => parseOpsSettings({ METRICS_PORT: "http" })).toThrow(/METRICS_PORT/);
    expect(() => parseOpsSettings({ METRICS_PORT: "3000" })).toThrow(/differ from PORT/);
    expect(() => parseOpsSettings({ METRICS_HOST: "example.com" })).toThrow(/METRICS_HOST/);
    expect(() => parseOpsSettings({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => parseOpsSettings({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
    expect(() => parseOpsSettings({ SHUTDOWN_TIMEOUT_SECONDS: "-1" })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
  });
});

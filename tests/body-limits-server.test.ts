// Body limits at the door of a real server (server/main.ts, server/body-limits): a large
// upload to a path the proxy runs for (next-auth's routes, pages) is refused with 413 before
// Next buffers it, whether it declares its size (Content-Length) or not (chunked), and the
// server answers without waiting for the rest of the upload.
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUTH_MAX_BODY_BYTES, doorBodyLimit, LARGEST_BODY_BYTES, tooLargeBody } from "@/server/body-limits";
import { MAX_BODY_BYTES } from "@/lib/http";
import { REPORT_MAX_BYTES } from "@/lib/secret-scanning/service";
import { HOOK_MAX_BODY_BYTES } from "@/lib/webhooks/service";
import { SERVER_ADMIN, signIn, startServer, type RunningServer } from "./server-process";

describe("the limits at the door", () => {
  it("are the auth routes' limit where the proxy runs, and the largest route limit elsewhere", () => {
    expect(LARGEST_BODY_BYTES).toBe(Math.max(MAX_BODY_BYTES, HOOK_MAX_BODY_BYTES, REPORT_MAX_BYTES, AUTH_MAX_BODY_BYTES));
    expect(doorBodyLimit("/api/auth/callback/credentials?x=1")).toBe(16 * 1024);
    expect(doorBodyLimit("/login")).toBe(16 * 1024);
    expect(doorBodyLimit("/api/v1/tokens")).toBe(LARGEST_BODY_BYTES);
    expect(doorBodyLimit("/api/hooks/a/b")).toBe(LARGEST_BODY_BYTES);
    expect(JSON.parse(tooLargeBody(16 * 1024))).toEqual({ error: { code: "payload_too_large", message: "Request body is larger than 16 KiB" } });
  });
});

let server: RunningServer;

beforeAll(async () => {
  server = await startServer("body_limits");
}, 900_000);

afterAll(async () => {
  await server?.stop();
});

type Upload = { status: number; body: string; sent: number };

/** Sends `head` then body bytes (8 KiB writes, honouring backpressure) until the server answers
 * or `max` bytes went out; `chunked` frames each write as an HTTP/1.1 chunk. */
function upload(head: string, chunked: boolean, max: number): Promise<Upload> {
  const { hostname, port } = new URL(server.base);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let received = "";
    let sent = 0;
    let answered = false;
    const finish = () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (!match) return reject(new Error(`No answer after ${sent} bytes: ${received.slice(0, 200)}`));
      resolve({ status: Number(match[1]), body: received.slice(received.indexOf("\r\n\r\n") + 4), sent });
    };
    socket.on("data", (data: Buffer) => {
      received += data.toString();
      answered = true;
    });
    socket.on("error", () => undefined); // the server closes while we still write: expected
    socket.on("close", finish);
    const piece = Buffer.alloc(8 * 1024, "a");
    const frame = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]) : piece;
    const pump = () => {
      while (!answered && !socket.destroyed && sent < max) {
        sent += piece.length;
        if (!socket.write(frame)) return void socket.once("drain", pump);
      }
    };
    socket.once("connect", () => {
      socket.write(head);
      pump();
    });
  });
}

const credentialsHead = (extra: string) =>
  `POST /api/auth/callback/credentials HTTP/1.1\r\nHost: ${new URL(server.base).host}\r\nContent-Type: application/x-www-form-urlencoded\r\n${extra}\r\n`;

describe("a real server refuses large bodies before Next buffers them", () => {
  it("a declared 200 MB body to the credentials callback: 413 JSON at once, the upload not read", async () => {
    const res = await upload(credentialsHead(`Content-Length: ${200 * 1024 * 1024}\r\n`), false, 200 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: { code: "payload_too_large", message: "Request body is larger than 16 KiB" } });
    // Answered long before the upload could end (socket buffers hold a few MB at most).
    expect(res.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it("a chunked body with no size: counted as it arrives, 413 past 16 KiB, the rest never read", async () => {
    const res = await upload(credentialsHead("Transfer-Encoding: chunked\r\n"), true, 200 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe("payload_too_large");
    expect(res.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it("keeps serving: a small sign-in still works, and nothing failed in the log", async () => {
    expect(await signIn(server.base, SERVER_ADMIN.email, SERVER_ADMIN.password)).toMatch(/^next-auth\.session-token=/);
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
    expect(server.output()).not.toMatch(/Request failed|ERR_STREAM|Unhandled/);
  });
});

/** The 16 KiB routes spelled so that the raw path doesn't start with /api/auth/ (or does start
 * with /api/): dot segments, escaped dots, doubled slashes, backslashes. */
const AUTH_SPELLINGS = [
  "/api/./auth/callback/credentials",
  "/api/%2e/auth/callback/credentials",
  "/api/v1/../auth/callback/credentials",
  "/api/v1/%2E%2E/auth/signin/credentials",
  "/api//auth/callback/credentials",
  "/api/v1/..%2fauth/callback/credentials",
  "/api\\auth\\callback\\credentials",
  "/api/../login",
  "/api/hooks/../../login?x=1",
];

describe("the door matches the path as Next will route it", () => {
  it("dot segments, escaped dots and doubled slashes don't buy the larger limit", () => {
    for (const path of AUTH_SPELLINGS) expect(doorBodyLimit(path), path).toBe(AUTH_MAX_BODY_BYTES);
    for (const path of ["/api/v1/tokens", "/api/v1/./tokens", "/api/hooks/a/b", "/api/v1/secret-scanning"]) expect(doorBodyLimit(path), path).toBe(LARGEST_BODY_BYTES);
  });

  /** Declares `length` body bytes, sends none and closes its side: only the door can answer. */
  function declaredOnly(path: string, length: number): Promise<{ status: number; body: string }> {
    const { hostname, port } = new URL(server.base);
    return new Promise((resolve, reject) => {
      const socket: Socket = connect(Number(port), hostname);
      let received = "";
      socket.on("data", (data: Buffer) => (received += data.toString()));
      socket.on("error", () => undefined);
      socket.on("close", () => {
        const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
        if (!match) return reject(new Error(`${path}: no answer (${received.slice(0, 200)})`));
        resolve({ status: Number(match[1]), body: received.slice(received.indexOf("\r\n\r\n") + 4) });
      });
      socket.once("connect", () => {
        socket.end(`POST ${path} HTTP/1.1\r\nHost: ${new URL(server.base).host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`);
      });
    });
  }

  it.each(AUTH_SPELLINGS)("a 17-256 KiB body to %s is refused at the door (413)", async (path) => {
    for (const length of [17 * 1024, 64 * 1024, 256 * 1024]) {
      const res = await declaredOnly(path, length);
      expect(res.status, `${path} ${length}`).toBe(413);
      expect(JSON.parse(res.body)).toEqual({ error: { code: "payload_too_large", message: "Request body is larger than 16 KiB" } });
    }
  });

  it("a whole 64 KiB body to a dot-segment spelling of a page is refused, not served", async () => {
    const res = await upload(`POST /api/../login HTTP/1.1\r\nHost: ${new URL(server.base).host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${64 * 1024}\r\n\r\n`, false, 64 * 1024);
    expect(res.status).toBe(413);
  });
});

// The door's refusal of a chunked body (server/body-limits admitBody) on a real HTTP server:
// whoever reads the request after the door (Next, in server/main.ts) gets at most the bytes
// under the limit and never the body's end, even when the whole upload arrives in one read, so
// it can't run a route on a truncated body taken for a whole one.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admitBody, AUTH_MAX_BODY_BYTES } from "@/server/body-limits";

type Seen = { bytes: number; ended: boolean };
let server: Server;
let port: number;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const reader: Seen = { bytes: 0, ended: false };
    seen.push(reader);
    if (!admitBody(req, res)) return;
    // Reads the body as Next would: to its end, then answers.
    req.on("data", (chunk: Buffer) => (reader.bytes += chunk.length));
    req.on("end", () => {
      reader.ended = true;
      if (!res.headersSent) res.end("read it all");
    });
    req.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** One write of a whole chunked upload (`chunks` chunks of 8 KiB and the last chunk), then the answer. */
function chunkedUpload(path: string, chunks: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (data: Buffer) => (received += data.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => (received ? resolve(received) : reject(new Error("no answer"))));
    const piece = Buffer.alloc(8 * 1024, "a");
    const frame = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]);
    const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n`;
    socket.write(Buffer.concat([Buffer.from(head), ...Array.from({ length: chunks }, () => frame), Buffer.from("0\r\n\r\n")]));
  });
}

describe("a chunked body past the limit", () => {
  it("is answered 413, and the reader after the door gets neither the bytes past the limit nor the end", async () => {
    seen.length = 0;
    const answer = await chunkedUpload("/api/auth/callback/credentials", 12); // 96 KiB, limit 16 KiB
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"payload_too_large"');
    expect(seen).toHaveLength(1);
    expect(seen[0].bytes).toBeLessThanOrEqual(AUTH_MAX_BODY_BYTES);
    expect(seen[0].ended).toBe(false);
  });

  it("under the limit reaches the reader whole", async () => {
    seen.length = 0;
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (data: Buffer) => {
        received += data.toString();
        if (received.includes("read it all")) socket.end();
      });
      socket.on("close", () => resolve(received));
      const piece = Buffer.alloc(4 * 1024, "a");
      socket.write(`POST /api/auth/callback/credentials HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`);
      socket.write(Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n0\r\n\r\n")]));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(seen).toEqual([{ bytes: 4 * 1024, ended: true }]);
  });
});

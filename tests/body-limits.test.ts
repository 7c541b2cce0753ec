// Bodies are refused past their limit without being read whole: by Content-Length at once,
// else by counting the streamed bytes (not UTF-16 units).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as nextauth from "@/app/api/auth/[...nextauth]/route";
import * as hooks from "@/app/api/hooks/[...path]/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { db } from "@/lib/db";
import { MAX_BODY_BYTES } from "@/lib/http";
import { HOOK_MAX_BODY_BYTES } from "@/lib/webhooks/service";
import { call, createAdmin, createTestUser, expectErrorShape } from "./helpers";

const CHUNK = 16 * 1024;

/** A streamed body of `chunks` x 16 KiB that counts how much of it was pulled. */
function countedStream(chunks: number) {
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x61)); // "aaaa..."
    },
  });
  return { stream, seen };
}

function streamed(url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return new NextRequest(`http://localhost:3000${url}`, { method: "POST", headers, body, duplex: "half" } as ConstructorParameters<typeof NextRequest>[1]);
}

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  const json = await res.json();
  expectErrorShape(json);
  expect(json.error.code).toBe("payload_too_large");
}

/** The OAuth endpoints answer in RFC 6749 shape; a body too large keeps its 413. */
async function expectOAuthTooLarge(res: Response) {
  expect(res.status).toBe(413);
  expect(await res.json()).toEqual({ error: "invalid_request", error_description: expect.stringMatching(/^Request body is larger than/) });
}

describe("request body limits", () => {
  it("counts bytes, not characters: a multi-byte body under 64K characters but over 64 KiB is refused", async () => {
    const user = await createTestUser();
    const name = "é".repeat(40_000); // 40,000 characters, 80,000 bytes
    expect(name.length).toBeLessThan(MAX_BODY_BYTES);
    const res = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name, expiresIn: "7d" } });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
  });

  it("refuses by Content-Length without reading the body (unauthenticated OAuth endpoint)", async () => {
    const seen = { pulled: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull() {
        seen.pulled++;
        throw new Error("the body must not be read");
      },
    }, { highWaterMark: 0 }); // nothing pulled until someone reads
    const req = streamed("/api/v1/oauth/token", body, { "content-type": "application/x-www-form-urlencoded", "content-length": String(560 * 1024 * 1024) });
    await expectOAuthTooLarge(await exchange.POST(req));
    expect(seen.pulled).toBe(0);
  });

  it("with a missing or lying Content-Length, stops reading past the limit: 413, not 500", async () => {
    for (const headers of [{}, { "content-length": "12" }] as Record<string, string>[]) {
      const { stream, seen } = countedStream(128); // 2 MiB on offer
      const req = streamed("/api/v1/oauth/token", stream, { "content-type": "application/x-www-form-urlencoded", ...headers });
      await expectOAuthTooLarge(await exchange.POST(req));
      expect(seen.pulled).toBeLessThanOrEqual(MAX_BODY_BYTES / CHUNK + 2); // stopped right after the limit
    }
    const { stream } = countedStream(128);
    const json = streamed("/api/v1/oauth/token", stream, { "content-type": "application/json" });
    await expectOAuthTooLarge(await exchange.POST(json));
  });

  it("a body just under the limit is still read", async () => {
    const { stream } = countedStream(MAX_BODY_BYTES / CHUNK - 1);
    const req = streamed("/api/v1/oauth/token", stream, { "content-type": "application/x-www-form-urlencoded" });
    const res = await exchange.POST(req);
    expect(res.status).toBe(400); // read, then refused for what it says (no grant_type)
  });

  it("hook endpoints accept up to their own limit and refuse more", async () => {
    expect(HOOK_MAX_BODY_BYTES).toBe(256 * 1024);
    const admin = await createAdmin();
    const path = `big-${crypto.randomUUID().slice(0, 8)}`;
    const created = await call(webhooks.POST, "/x", { method: "POST", as: admin, body: { title: "Big", path, authMethod: "none" } });
    expect(created.status).toBe(201);
    const send = (req: NextRequest) => hooks.POST(req, { params: Promise.resolve({ path: [path] }) });

    const under = "x".repeat(HOOK_MAX_BODY_BYTES - 10);
    const ok = await send(new NextRequest(`http://localhost:3000/api/hooks/${path}`, { method: "POST", body: under }));
    expect(ok.status).toBe(202);
    const stored = await db.webhookRequest.findFirstOrThrow({ where: { endpointId: created.json.id } });
    expect(stored.body).toBe(under); // kept whole

    await expectTooLarge(await send(new NextRequest(`http://localhost:3000/api/hooks/${path}`, { method: "POST", body: "x".repeat(HOOK_MAX_BODY_BYTES + 1) })));
    const { stream, seen } = countedStream(50 * 64); // 50 MiB on offer, no Content-Length
    await expectTooLarge(await send(streamed(`/api/hooks/${path}`, stream, {})));
    expect(seen.pulled).toBeLessThanOrEqual(HOOK_MAX_BODY_BYTES / CHUNK + 2);
    expect(await db.webhookRequest.count({ where: { endpointId: created.json.id } })).toBe(1);
  });

  it("next-auth refuses large POST bodies before next-auth reads them", async () => {
    const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const big = new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: form,
      body: `email=a%40b.c&password=${"p".repeat(20 * 1024)}`,
    });
    await expectTooLarge(await nextauth.POST(big, context));
    const { stream, seen } = countedStream(128);
    await expectTooLarge(await nextauth.POST(streamed("/api/auth/callback/credentials", stream, { ...form, "content-length": "40" }), context));
    expect(seen.pulled).toBeLessThanOrEqual(2);
  });
});

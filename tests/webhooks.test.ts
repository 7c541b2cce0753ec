// Failed token authentications lock an address after 5: set before the app loads (the settings
// are parsed once, lib/env.ts).
vi.hoisted(() => {
  process.env.RATE_LIMIT_TOKEN_FAILURES = "5,300,300";
});

import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import * as hooks from "@/app/api/hooks/[...path]/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as revoke from "@/app/api/v1/tokens/[id]/revoke/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as webhook from "@/app/api/v1/webhooks/[id]/route";
import * as requests from "@/app/api/v1/webhooks/[id]/requests/route";
import { db } from "@/lib/db";
import { call, createAdmin, createTestUser, expectErrorShape } from "./helpers";

async function send(path: string, init: { headers?: Record<string, string>; body?: string; method?: string } = {}) {
  const req = new NextRequest(`http://localhost:3000/api/hooks/${path}`, {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json", "x-pat-client-ip": "198.51.100.9", ...init.headers },
    body: init.body ?? '{"event":"deploy"}',
  });
  const res = await hooks.POST(req, { params: Promise.resolve({ path: path.split("/") }) });
  return { status: res.status, json: await res.json() };
}

async function setup(retention = 3) {
  const admin = await createAdmin();
  const pat = await call(tokens.POST, "/x", { method: "POST", as: admin, body: { name: "webhook sender", expiresIn: "30d" } });
  const path = `ci/deploys-${crypto.randomUUID().slice(0, 8)}`;
  const created = await call(webhooks.POST, "/x", {
    method: "POST",
    as: admin,
    body: { title: "Deploys", path, authMethod: "token", secretToken: pat.json.secret, retention },
  });
  expect(created.status).toBe(201);
  return { admin, secret: pat.json.secret as string, tokenId: pat.json.token.id as string, path, hook: created.json };
}

describe("webhook endpoints with token authentication", () => {
  it("keeps requests that bring the token, in all three ways, and lists them without credentials", async () => {
    const { admin, secret, path, hook } = await setup(10);
    expect(hook).toMatchObject({ title: "Deploys", enabled: true, authMethod: "token", retention: 10, url: `http://localhost:3000/api/hooks/${path}` });
    expect(hook.tokenPrefix).toBe(secret.slice(0, 12));
    expect(JSON.stringify(hook)).not.toContain(secret.slice(12));
    const forms: Record<string, string>[] = [{ authorization: `Bearer ${secret}` }, { authorization: `Basic ${btoa(`:${secret}`)}` }, { "x-personal-token": secret }];
    for (const headers of forms) {
      const res = await send(path, { headers });
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({ received: true });
    }
    const list = await call(requests.GET, "/x", { as: admin, params: { id: hook.id } });
    expect(list.json.requests).toHaveLength(3);
    expect(list.json.requests[0]).toMatchObject({ method: "POST", body: '{"event":"deploy"}', ip: "198.51.100.9" });
    expect(JSON.stringify(list.json)).not.toContain(secret.slice(12));
    expect(list.json.requests[0].headers).not.toHaveProperty("authorization");
  });

  it("stores other secret-bearing headers as [redacted], never their value", async () => {
    const { admin, secret, path, hook } = await setup();
    const headers = { authorization: `Bearer ${secret}`, "x-api-key": "key-value-1", "x-gitlab-token": "gl-value-2", "x-hub-signature-256": "sha256=sig-value-3", "x-github-event": "push" };
    expect((await send(path, { headers })).status).toBe(202);
    const list = await call(requests.GET, "/x", { as: admin, params: { id: hook.id } });
    expect(list.json.requests[0].headers).toMatchObject({ "x-api-key": "[redacted]", "x-gitlab-token": "[redacted]", "x-hub-signature-256": "[redacted]", "x-github-event": "push" });
    const stored = JSON.stringify(await db.webhookRequest.findMany({ where: { endpointId: hook.id } }));
    for (const value of ["key-value-1", "gl-value-2", "sig-value-3"]) expect(stored).not.toContain(value);
  });

  it("refuses requests without the right token, and once the token is revoked", async () => {
    const { admin, secret, tokenId, path } = await setup();
    const other = await call(tokens.POST, "/x", { method: "POST", as: admin, body: { name: "other", expiresIn: "7d" } });
    const wrong: Record<string, string>[] = [{}, { authorization: "Bearer nope" }, { authorization: `Bearer ${other.json.secret}` }];
    for (const headers of wrong) {
      const res = await send(path, { headers });
      expect(res.status).toBe(401);
      expectErrorShape(res.json);
    }
    expect((await send(path, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(202);
    await call(revoke.POST, "/x", { method: "POST", as: admin, params: { id: tokenId } });
    expect((await send(path, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it("counts wrong tokens against the sender's address: past the limit, 429 even with the right token", async () => {
    const { admin, secret, path, hook } = await setup();
    const from = (ip: string, authorization: string) => ({ headers: { authorization, "x-pat-client-ip": ip } });
    const flood = `198.51.100.${100 + Math.floor(Math.random() * 100)}`;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(path, from(flood, `Bearer pat_wrong${i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const locked = await send(path, from(flood, `Bearer ${secret}`));
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("rate_limited");
    // Another address is not slowed; only its request is kept.
    expect((await send(path, from("198.51.100.10", `Bearer ${secret}`))).status).toBe(202);
    const list = await call(requests.GET, "/x", { as: admin, params: { id: hook.id } });
    expect(list.json.requests.map((r: { ip: string }) => r.ip)).toEqual(["198.51.100.10"]);
  });

  it("drops the oldest requests past the retention count", async () => {
    const { admin, secret, path, hook } = await setup(3);
    for (let i = 1; i <= 5; i++) await send(path, { headers: { authorization: `Bearer ${secret}` }, body: `{"n":${i}}` });
    const list = await call(requests.GET, "/x", { as: admin, params: { id: hook.id } });
    expect(list.json.requests.map((r: { body: string }) => JSON.parse(r.body).n)).toEqual([5, 4, 3]);
    await call(webhook.PATCH, "/x", { method: "PATCH", as: admin, params: { id: hook.id }, body: { retention: 1 } });
    expect(await db.webhookRequest.count({ where: { endpointId: hook.id } })).toBe(1);
  });

  it("keeps working at the maximum retention (10,000 stored requests) and trims to exactly that", async () => {
    const { admin, secret, path, hook } = await setup(3);
    const max = 10_000;
    expect((await call(webhook.PATCH, "/x", { method: "PATCH", as: admin, params: { id: hook.id }, body: { retention: max } })).status).toBe(200);
    const start = Date.now() - 24 * 3600_000;
    await db.webhookRequest.createMany({
      data: Array.from({ length: max }, (_, i) => ({
        endpointId: hook.id,
        receivedAt: new Date(start + i * 1000),
        method: "POST",
        headers: "{}",
        body: `{"n":${i}}`,
      })),
    });
    for (let i = 0; i < 2; i++) expect((await send(path, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(202);
    expect(await db.webhookRequest.count({ where: { endpointId: hook.id } })).toBe(max);
    // the two oldest went, the newest stayed
    const oldest = await db.webhookRequest.findFirst({ where: { endpointId: hook.id }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }] });
    expect(oldest?.body).toBe('{"n":2}');
    expect(await db.webhookRequest.count({ where: { endpointId: hook.id, body: '{"event":"deploy"}' } })).toBe(2);
  }, 120_000);

  it("answers 404 for unknown and disabled endpoints", async () => {
    const { admin, secret, path, hook } = await setup();
    expect((await send("no/such-hook", { headers: { authorization: `Bearer ${secret}` } })).status).toBe(404);
    expect((await send("Bad Path!", {})).status).toBe(404);
    await call(webhook.PATCH, "/x", { method: "PATCH", as: admin, params: { id: hook.id }, body: { enabled: false } });
    expect((await send(path, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(404);
    const read = await call(webhook.GET, "/x", { as: admin, params: { id: hook.id } });
    expect(read.json).toMatchObject({ enabled: false, authMethod: "token", retention: 3 });
  });

  it("validates what admins configure", async () => {
    const { admin, path } = await setup();
    const bad: [unknown, number][] = [
      [{ title: "", path: "x" }, 400],
      [{ title: "t", path: "Has Spaces" }, 400],
      [{ title: "t", path: "ok-path" }, 400], // token auth without a token
      [{ title: "t", path: "ok-path", secretToken: "not-a-token" }, 400],
      [{ title: "t", path: "ok-path", authMethod: "none", retention: 0 }, 400],
      [{ title: "t", path, authMethod: "none" }, 409],
    ];
    for (const [body, status] of bad) {
      const res = await call(webhooks.POST, "/x", { method: "POST", as: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expectErrorShape(res.json);
    }
    const user = await createTestUser();
    expect((await call(webhooks.GET, "/x", { as: user })).status).toBe(403);
  });

  it("an open endpoint (no authentication) accepts anyone; deleting it removes its requests", async () => {
    const admin = await createAdmin();
    const path = `open-${crypto.randomUUID().slice(0, 8)}`;
    const created = await call(webhooks.POST, "/x", { method: "POST", as: admin, body: { title: "Open", path, authMethod: "none" } });
    expect((await send(path)).status).toBe(202);
    expect((await call(webhook.DELETE, "/x", { method: "DELETE", as: admin, params: { id: created.json.id } })).status).toBe(204);
    expect(await db.webhookRequest.count({ where: { endpointId: created.json.id } })).toBe(0);
    expect((await send(path)).status).toBe(404);
  });
});

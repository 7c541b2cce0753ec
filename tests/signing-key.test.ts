// The JWT signing key's private half is encrypted at rest under the auth secret.
import { decodeProtectedHeader, exportJWK, generateKeyPair } from "jose";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as jwks from "@/app/api/v1/oauth/jwks/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { sealPrivateJwk } from "@/lib/authority/key-seal";
import { ALG, loadSigningKey, RELOAD_MS, unreadableKeyError } from "@/lib/authority/service/keys";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { setLogDestination } from "@/lib/observability/logger";
import { call, createTestUser } from "./helpers";

const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
const PAT_TYPE = "urn:ietf:params:oauth:token-type:access_token";
type KeyRow = Awaited<ReturnType<typeof db.signingKey.findMany>>[number];
let saved: KeyRow[] = [];

// These tests replace the key rows; the other test files find them as they were.
beforeAll(async () => {
  saved = await db.signingKey.findMany();
});
afterAll(async () => {
  await db.signingKey.deleteMany();
  if (saved.length) await db.signingKey.createMany({ data: saved });
});

const expectSealed = (stored: string) => {
  expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(stored).not.toContain("{");
  expect(stored).not.toContain('"d"');
};

describe("JWT signing key at rest", () => {
  it("stores the private key encrypted, never as clear JSON", async () => {
    await db.signingKey.deleteMany();
    const user = await createTestUser();
    const pat = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "svc", expiresIn: "7d" } });
    const res = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: pat.json.secret, subject_token_type: PAT_TYPE } });
    expect(res.status).toBe(200);
    const rows = await db.signingKey.findMany();
    expect(rows).toHaveLength(1);
    expectSealed(rows[0].privateJwk);
    expect(JSON.parse(rows[0].publicJwk)).not.toHaveProperty("d");
    // and it still loads: the same key each time
    expect((await loadSigningKey()).kid).toBe(rows[0].kid);
  });

  it("reads a legacy clear row and rewrites it encrypted", async () => {
    await db.signingKey.deleteMany();
    const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = "legacy-key";
    const clear = JSON.stringify(await exportJWK(privateKey));
    await db.signingKey.create({ data: { kid, alg: ALG, publicJwk: JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" }), privateJwk: clear } });
    const loaded = await loadSigningKey();
    expect(loaded.kid).toBe(kid);
    const row = await db.signingKey.findUniqueOrThrow({ where: { kid } });
    expectSealed(row.privateJwk);
    expect((await loadSigningKey()).kid).toBe(kid); // and it opens again after the rewrite
  });

  it("an instance with another auth secret never deletes the key: it logs an error and refuses to sign; the first still signs", async () => {
    await db.signingKey.deleteMany();
    const first = await loadSigningKey();
    const other = `${getAuthSecret()}-other-instance`;
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => void lines.push(line) });
    try {
      for (let i = 0; i < 2; i++) {
        const refused = await loadSigningKey(other).then(
          () => null,
          (error: unknown) => error,
        );
        expect(refused).toBeInstanceOf(ApiError);
        expect((refused as ApiError).code).toBe("service_unavailable");
        expect((refused as ApiError).status).toBe(503);
        expect((refused as ApiError).message).toMatch(/AUTH_SECRET/);
      }
    } finally {
      setLogDestination(null);
    }
    const logged = lines.map((line) => JSON.parse(line) as { level: string; msg: string; kid?: string });
    expect(logged.filter((l) => l.kid === first.kid && l.level === "error").map((l) => l.msg)).toEqual([
      expect.stringContaining("can't be decrypted with this instance's auth secret"),
      expect.stringContaining("can't be decrypted with this instance's auth secret"),
    ]);
    // The key is still there, the only one, and the first secret still signs with it.
    expect((await db.signingKey.findMany()).map((r) => r.kid)).toEqual([first.kid]);
    expect((await loadSigningKey()).kid).toBe(first.kid);
    const user = await createTestUser();
    const pat = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "svc", expiresIn: "7d" } });
    vi.setSystemTime(Date.now() + 2 * RELOAD_MS); // past the key this process has cached
    try {
      const res = await call(exchange.POST, "/x", { method: "POST", body: { grant_type: GRANT, subject_token: pat.json.secret, subject_token_type: PAT_TYPE } });
      expect(res.status).toBe(200);
      expect(decodeProtectedHeader(res.json.access_token).kid).toBe(first.kid);
    } finally {
      vi.useRealTimers();
    }
    const published = await jwks.GET();
    expect((await published.json()).keys.map((k: { kid: string }) => k.kid)).toEqual([first.kid]);
  });

  it("answers the token exchange 503 temporarily_unavailable, naming AUTH_SECRET, while it can't read the key", async () => {
    await db.signingKey.deleteMany();
    const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = `sealed-elsewhere-${crypto.randomUUID()}`;
    const sealed = sealPrivateJwk(JSON.stringify(await exportJWK(privateKey)), kid, `${getAuthSecret()}-other-instance`);
    await db.signingKey.create({ data: { kid, alg: ALG, publicJwk: JSON.stringify({ ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" }), privateJwk: sealed } });
    setLogDestination({ write: () => undefined });
    try {
      const user = await createTestUser();
      const pat = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "svc", expiresIn: "7d" } });
      vi.setSystemTime(Date.now() + 10 * RELOAD_MS); // past any key this process has cached (the test above moved on 2)
      // Straight to the handler: the test helper refuses every 5xx but a database outage's.
      const body = JSON.stringify({ grant_type: GRANT, subject_token: pat.json.secret, subject_token_type: PAT_TYPE });
      const res = await exchange.POST(new NextRequest("http://localhost:3000/api/v1/oauth/token", { method: "POST", body, headers: { "content-type": "application/json" } }));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: "temporarily_unavailable", error_description: unreadableKeyError().message });
      // The public half is still published, and the row untouched.
      expect((await (await jwks.GET()).json()).keys.map((k: { kid: string }) => k.kid)).toEqual([kid]);
      expect((await db.signingKey.findUniqueOrThrow({ where: { kid } })).privateJwk).toBe(sealed);
    } finally {
      vi.useRealTimers();
      setLogDestination(null);
    }
  });
});

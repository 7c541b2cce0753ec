// The JWT signing key's private half is encrypted at rest under the auth secret.
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as jwks from "@/app/api/v1/oauth/jwks/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { ALG, loadSigningKey } from "@/lib/authority/keys";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
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

  it("after the auth secret changed, warns and makes a new key instead of failing", async () => {
    await db.signingKey.deleteMany();
    const before = await loadSigningKey();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const rotated = await loadSigningKey(`${getAuthSecret()}-rotated`);
      expect(rotated.kid).not.toBe(before.kid);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("can't be decrypted with the current auth secret"));
    } finally {
      warn.mockRestore();
    }
    const rows = await db.signingKey.findMany();
    expect(rows.map((r) => r.kid)).not.toContain(before.kid);
    const published = await jwks.GET();
    expect(published.status).toBe(200);
  });
});

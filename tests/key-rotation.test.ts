// Signing key rotation: the new key is published before it signs, the old one stays published
// until every token it signed has expired, and only admins can rotate (audited).
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as signingKeys from "@/app/api/v1/admin/signing-keys/route";
import * as jwks from "@/app/api/v1/oauth/jwks/route";
import * as exchange from "@/app/api/v1/oauth/token/route";
import * as tokens from "@/app/api/v1/tokens/route";
import { ALG, loadSigningKey, publicJwks, RELOAD_MS } from "@/lib/authority/service/keys";
import { ACCESS_TOKEN_TTL_SECONDS, JWKS_MAX_AGE_SECONDS } from "@/lib/authority/metadata";
import { db } from "@/lib/db";
import { call, createAdmin, createTestUser } from "./helpers";

type KeyRow = Awaited<ReturnType<typeof db.signingKey.findMany>>[number];
let saved: KeyRow[] = [];

// These tests replace the key rows; the other test files find them as they were.
beforeAll(async () => {
  saved = await db.signingKey.findMany();
  await db.signingKey.deleteMany();
});
afterAll(async () => {
  await db.signingKey.deleteMany();
  if (saved.length) await db.signingKey.createMany({ data: saved });
});

const kids = async (now: Date) => (await publicJwks(now)).keys.map((k) => k.kid);
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe("signing key rotation", () => {
  it("publishes the new key at once, signs with it only after the JWKS cache time, drops the old one after its tokens expired", async () => {
    const admin = await createAdmin();
    const before = await loadSigningKey();
    const user = await createTestUser();
    const pat = await call(tokens.POST, "/x", { method: "POST", as: user, body: { name: "svc", expiresIn: "7d" } });
    const mint = () => call(exchange.POST, "/x", { method: "POST", body: { grant_type: "urn:ietf:params:oauth:grant-type:token-exchange", subject_token: pat.json.secret, subject_token_type: "urn:ietf:params:oauth:token-type:access_token" } });
    const oldJwt = (await mint()).json.access_token;
    expect(decodeProtectedHeader(oldJwt).kid).toBe(before.kid);

    const t0 = new Date();
    const res = await call(signingKeys.POST, "/x", { method: "POST", as: admin });
    expect(res.status).toBe(201);
    const next = res.json.key;
    expect(next).toMatchObject({ state: "next" });
    expect(new Date(next.activatesAt).getTime() - t0.getTime()).toBeGreaterThanOrEqual(JWKS_MAX_AGE_SECONDS * 1000 - 1000);

    // Published now, not used yet: tokens are still signed with the old key.
    expect(await kids(t0)).toEqual([before.kid, next.kid]);
    expect((await jwks.GET().then((r) => r.json())).keys.map((k: { kid: string }) => k.kid)).toContain(next.kid);
    expect(decodeProtectedHeader((await mint()).json.access_token).kid).toBe(before.kid);
    expect((await loadSigningKey(undefined, t0)).kid).toBe(before.kid);

    // Rotating again while one waits changes nothing.
    const again = await call(signingKeys.POST, "/x", { method: "POST", as: admin });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ created: false, key: next });

    // After the switch: the new key signs, the old one is still published for its tokens.
    const switched = later(new Date(next.activatesAt), 1);
    expect((await loadSigningKey(undefined, switched)).kid).toBe(next.kid);
    expect(await kids(switched)).toEqual([next.kid, before.kid]);
    const { payload } = await jwtVerify(oldJwt, createLocalJWKSet(await publicJwks(switched)), { currentDate: t0 });
    expect(payload.sub).toBe(user.id);
    // A token the old key signed just before the switch lives ACCESS_TOKEN_TTL_SECONDS more: still published then.
    expect(await kids(later(switched, ACCESS_TOKEN_TTL_SECONDS * 1000))).toContain(before.kid);
    const listed = await call(signingKeys.GET, "/x", { as: admin });
    expect(listed.json.keys.map((k: { state: string }) => k.state)).toEqual(["next", "current"]);

    // Once every token the old key signed has expired, it is unpublished and deleted.
    const gone = later(new Date(next.activatesAt), RELOAD_MS + ACCESS_TOKEN_TTL_SECONDS * 1000 + 1);
    expect(await kids(gone)).toEqual([next.kid]);
    await loadSigningKey(undefined, gone);
    expect(await db.signingKey.findUnique({ where: { kid: before.kid } })).toBeNull();
  });

  it("is recorded in the audit log, and refused to non-admins", async () => {
    await db.signingKey.deleteMany();
    const admin = await createAdmin();
    const res = await call(signingKeys.POST, "/x", { method: "POST", as: admin });
    expect(res.status).toBe(201);
    const event = await db.auditEvent.findFirst({ where: { action: "signing_key.rotate", targetId: res.json.key.kid } });
    expect(event).toMatchObject({ actorId: admin.id, targetType: "signing_key", outcome: "success" });
    const user = await createTestUser();
    expect((await call(signingKeys.POST, "/x", { method: "POST", as: user })).status).toBe(403);
    expect((await call(signingKeys.GET, "/x", { as: user })).status).toBe(403);
  });

  it("a key never published is not trusted", async () => {
    const { privateKey } = await (await import("jose")).generateKeyPair(ALG);
    const forged = await new SignJWT({}).setProtectedHeader({ alg: ALG, kid: "unknown" }).setExpirationTime("1m").sign(privateKey);
    await expect(jwtVerify(forged, createLocalJWKSet(await publicJwks()))).rejects.toThrow();
  });
});

// Signing keys for the exchanged access tokens: ES256, kept in the database so every instance
// signs with and publishes the same keys. The private half is encrypted under the auth secret
// (../key-seal.ts); rows from before that are encrypted on load. A key this instance can't decrypt
// (its auth secret differs from the one that sealed it) is never deleted or replaced: another
// instance may be right, and replacing it would have the two fight over the key. Signing is
// refused (503) until the secrets agree, or until an admin's key rotation brings a key this
// instance can read (after a deliberate change of the auth secret).
//
// Rotation (an admin action) never breaks a token in flight:
// - the new key is published in the JWKS at once but signs only JWKS_MAX_AGE_SECONDS later, so
//   every verifier's cached JWKS already holds it when the first token signed with it arrives;
// - each instance re-reads the keys at least every RELOAD_MS (and at the switch it knows of);
// - the old key stays published until every token it may have signed has expired (the switch,
//   plus RELOAD_MS for instances that had not reloaded yet, plus the token lifetime), then its
//   row is deleted.
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { isLegacyClear, openPrivateJwk, sealPrivateJwk } from "../key-seal";
import { ACCESS_TOKEN_TTL_SECONDS, JWKS_MAX_AGE_SECONDS } from "../metadata";

export const ALG = "ES256";
export const RELOAD_MS = 60_000;
const PUBLISH_BEFORE_USE_MS = JWKS_MAX_AGE_SECONDS * 1000;

type Loaded = { kid: string; privateKey: CryptoKey; publicJwk: JWK; switchAt: Date | null };
type KeyRow = { kid: string; publicJwk: string; privateJwk: string; createdAt: Date; activatesAt: Date | null };
export const KEY_STATES = ["current", "next", "retired"] as const;
export type KeyState = (typeof KEY_STATES)[number];

const activeFrom = (row: KeyRow) => (row.activatesAt ?? row.createdAt).getTime();

/** What each key is at `now`: the newest active one signs, later ones wait (published), older
 * ones stay published while a token they signed may live, the rest are expired (to delete). */
export function keyStates<T extends KeyRow>(rows: T[], now: Date) {
  const sorted = [...rows].sort((a, b) => activeFrom(a) - activeFrom(b) || a.kid.localeCompare(b.kid));
  const active = sorted.filter((row) => activeFrom(row) <= now.getTime());
  const current = active.at(-1) ?? null;
  const next = sorted.filter((row) => activeFrom(row) > now.getTime());
  const retired: { row: T; publishedUntil: Date }[] = [];
  const expired: T[] = [];
  active.slice(0, -1).forEach((row, i) => {
    const publishedUntil = new Date(activeFrom(active[i + 1]) + RELOAD_MS + ACCESS_TOKEN_TTL_SECONDS * 1000);
    if (publishedUntil > now) retired.push({ row, publishedUntil });
    else expired.push(row);
  });
  return { current, next, retired, expired };
}

async function newKey(secret: string, activatesAt: Date | null) {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" };
  const privateJwk = sealPrivateJwk(JSON.stringify(await exportJWK(privateKey)), kid, secret);
  return { kid, alg: ALG, publicJwk: JSON.stringify(publicJwk), privateJwk, activatesAt };
}

/** The private JWK's JSON, or null when it was sealed under another auth secret. */
async function privateJson(row: { kid: string; privateJwk: string }, secret: string): Promise<string | null> {
  if (isLegacyClear(row.privateJwk)) {
    // Written before encryption at rest: encrypt it now (only if no other instance did meanwhile).
    await db.signingKey.updateMany({ where: { kid: row.kid, privateJwk: row.privateJwk }, data: { privateJwk: sealPrivateJwk(row.privateJwk, row.kid, secret) } });
    return row.privateJwk;
  }
  try {
    return openPrivateJwk(row.privateJwk, row.kid, secret);
  } catch {
    return null;
  }
}

const UNREADABLE_KEY =
  "Access tokens can't be signed: this instance's AUTH_SECRET can't decrypt the JWT signing key. Every instance must use the same AUTH_SECRET.";

/** The refusal while the signing key was sealed under another auth secret than this instance's. */
export function unreadableKeyError(): ApiError {
  return new ApiError("service_unavailable", UNREADABLE_KEY, undefined, { "Retry-After": String(RELOAD_MS / 1000) });
}

const isUnreadable = (error: unknown) => error instanceof ApiError && error.message === UNREADABLE_KEY;

/** The key that signs now, created when there is none. Keys whose tokens have all expired are
 * deleted on the way. A current key that the auth secret doesn't open is an error, logged, and
 * the key is left as it is (503 service_unavailable). */
export async function loadSigningKey(secret = getAuthSecret(), now = new Date()): Promise<Loaded> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const { current, next, expired } = keyStates(await db.signingKey.findMany({ where: { alg: ALG } }), now);
    if (expired.length) await db.signingKey.deleteMany({ where: { kid: { in: expired.map((row) => row.kid) } } });
    if (!current) {
      await db.signingKey.create({ data: { ...(await newKey(secret, null)), createdAt: now } });
      continue; // read back: another instance may have made one at the same moment
    }
    const json = await privateJson(current, secret);
    if (json === null) {
      logger().error(
        { kid: current.kid },
        "The JWT signing key can't be decrypted with this instance's auth secret (AUTH_SECRET / NEXTAUTH_SECRET): every instance must use the same one. " +
          "Token exchange answers 503 until it does; after a deliberate change of the secret on every instance, an admin rotates the signing key.",
      );
      throw unreadableKeyError();
    }
    return {
      kid: current.kid,
      privateKey: (await importJWK(JSON.parse(json), ALG)) as CryptoKey,
      publicJwk: JSON.parse(current.publicJwk) as JWK,
      switchAt: next[0] ? new Date(activeFrom(next[0])) : null,
    };
  }
  throw new Error("Could not load or create a JWT signing key");
}

let cached: { loaded: Promise<Loaded>; until: number } | undefined;

/** The key that signs now, re-read every RELOAD_MS and at a known switch. A key this instance
 * can't decrypt is refused for RELOAD_MS too (one log line a minute, not one per request). */
export function signingKey(): Promise<Loaded> {
  const now = Date.now();
  if (!cached || now >= cached.until) {
    const entry = { loaded: loadSigningKey(), until: now + RELOAD_MS };
    entry.loaded.then(
      (key) => {
        if (key.switchAt) entry.until = Math.min(entry.until, key.switchAt.getTime());
      },
      (error: unknown) => {
        if (cached === entry && !isUnreadable(error)) cached = undefined;
      },
    );
    cached = entry;
  }
  return cached.loaded;
}

/** Makes sure a key exists (the first start); one this instance can't read still publishes. */
async function ensureSigningKey(): Promise<void> {
  await signingKey().catch((error: unknown) => {
    if (!isUnreadable(error)) throw error;
  });
}

/** The public keys, for GET /.well-known/jwks.json: current, waiting and still-needed ones. */
export async function publicJwks(now = new Date()): Promise<{ keys: JWK[] }> {
  await ensureSigningKey();
  const { current, next, retired } = keyStates(await db.signingKey.findMany({ where: { alg: ALG } }), now);
  const rows = [...(current ? [current] : []), ...next, ...retired.map((r) => r.row)];
  return { keys: rows.map((row) => JSON.parse(row.publicJwk) as JWK) };
}

export const signingKeyInfoSchema = z.object({
  kid: z.string(),
  state: z.enum(KEY_STATES),
  activatesAt: z.iso.datetime(),
  publishedUntil: z.iso.datetime().nullable(),
});
export type SigningKeyInfo = z.infer<typeof signingKeyInfoSchema>;

/** The published keys and what each is doing, for admins. */
export async function listSigningKeys(now = new Date()): Promise<SigningKeyInfo[]> {
  await ensureSigningKey();
  const { current, next, retired } = keyStates(await db.signingKey.findMany({ where: { alg: ALG } }), now);
  const info = (row: KeyRow, state: KeyState, publishedUntil: Date | null = null): SigningKeyInfo => ({
    kid: row.kid,
    state,
    activatesAt: new Date(activeFrom(row)).toISOString(),
    publishedUntil: publishedUntil?.toISOString() ?? null,
  });
  return [
    ...next.map((row) => info(row, "next")),
    ...(current ? [info(current, "current")] : []),
    ...retired.map((r) => info(r.row, "retired", r.publishedUntil)),
  ];
}

/** Admin action: publish a new key now; it signs from JWKS_MAX_AGE_SECONDS on. When a rotation
 * is already waiting, that one stands (the answer names it, created: false). */
export async function rotateSigningKey(meta: AuditMeta, now = new Date()): Promise<{ created: boolean; key: SigningKeyInfo }> {
  const { current, next } = keyStates(await db.signingKey.findMany({ where: { alg: ALG } }), now);
  const waiting = next.at(-1);
  if (waiting) return { created: false, key: { kid: waiting.kid, state: "next", activatesAt: new Date(activeFrom(waiting)).toISOString(), publishedUntil: null } };
  const activatesAt = new Date(now.getTime() + PUBLISH_BEFORE_USE_MS);
  const data = await newKey(getAuthSecret(), activatesAt);
  await db.$transaction(async (tx) => {
    await tx.signingKey.create({ data });
    await recordAudit(tx, meta, {
      action: "signing_key.rotate",
      targetType: "signing_key",
      targetId: data.kid,
      details: { activatesAt: activatesAt.toISOString(), replaces: current?.kid ?? null },
    });
  });
  return { created: true, key: { kid: data.kid, state: "next", activatesAt: activatesAt.toISOString(), publishedUntil: null } };
}

// Signing keys for the exchanged access tokens: ES256, created on first use and kept in the
// database so every instance signs with and publishes the same key. The private half is
// encrypted under the auth secret (key-seal.ts); rows from before that are encrypted on load.
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { getAuthSecret } from "@/lib/env";
import { isLegacyClear, openPrivateJwk, sealPrivateJwk } from "./key-seal";

export const ALG = "ES256";

type Loaded = { kid: string; privateKey: CryptoKey; publicJwk: JWK };
let current: Promise<Loaded> | undefined;

const oldest = () => db.signingKey.findFirst({ where: { alg: ALG }, orderBy: [{ createdAt: "asc" }, { kid: "asc" }] });

async function create(secret: string) {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" };
  const privateJwk = sealPrivateJwk(JSON.stringify(await exportJWK(privateKey)), kid, secret);
  await db.signingKey.create({ data: { kid, alg: ALG, publicJwk: JSON.stringify(publicJwk), privateJwk } });
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

/** The signing key, created when there is none or when the auth secret no longer opens it. */
export async function loadSigningKey(secret = getAuthSecret()): Promise<Loaded> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const row = await oldest();
    if (!row) {
      await create(secret);
      continue; // read back the oldest: another instance may have made one at the same moment
    }
    const json = await privateJson(row, secret);
    if (json === null) {
      console.warn(
        `JWT signing key ${row.kid} can't be decrypted with the current auth secret (AUTH_SECRET / NEXTAUTH_SECRET changed?). ` +
          "It is replaced by a new key; access tokens signed with the old key no longer verify.",
      );
      await db.signingKey.deleteMany({ where: { kid: row.kid, privateJwk: row.privateJwk } });
      continue;
    }
    return { kid: row.kid, privateKey: (await importJWK(JSON.parse(json), ALG)) as CryptoKey, publicJwk: JSON.parse(row.publicJwk) as JWK };
  }
  throw new Error("Could not load or create a JWT signing key");
}

export function signingKey(): Promise<Loaded> {
  current ??= loadSigningKey().catch((error) => {
    current = undefined;
    throw error;
  });
  return current;
}

/** The public keys, for GET /.well-known/jwks.json. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  await signingKey();
  const rows = await db.signingKey.findMany({ orderBy: { createdAt: "asc" } });
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as JWK) };
}

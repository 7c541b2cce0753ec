// Signing keys for the exchanged access tokens: ES256, created on first use and kept in the
// database so every instance signs with and publishes the same key.
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

export const ALG = "ES256";

type Loaded = { kid: string; privateKey: CryptoKey; publicJwk: JWK };
let current: Promise<Loaded> | undefined;

async function loadOrCreate(): Promise<Loaded> {
  let row = await db.signingKey.findFirst({ where: { alg: ALG }, orderBy: { createdAt: "asc" } });
  if (!row) {
    const { publicKey, privateKey } = await generateKeyPair(ALG, { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: "sig" };
    await db.signingKey
      .create({ data: { kid, alg: ALG, publicJwk: JSON.stringify(publicJwk), privateJwk: JSON.stringify(await exportJWK(privateKey)) } })
      .catch(() => undefined); // another instance may have made one at the same moment
    row = await db.signingKey.findFirstOrThrow({ where: { alg: ALG }, orderBy: { createdAt: "asc" } });
  }
  return {
    kid: row.kid,
    privateKey: (await importJWK(JSON.parse(row.privateJwk), ALG)) as CryptoKey,
    publicJwk: JSON.parse(row.publicJwk) as JWK,
  };
}

export function signingKey(): Promise<Loaded> {
  current ??= loadOrCreate().catch((error) => {
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

// The signing key's private half is kept encrypted at rest: AES-256-GCM under a key derived
// (HKDF-SHA256) from the auth secret, so a copy of the database alone can't mint JWTs.
// Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url); the key id is bound in as associated data.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const INFO = "pat-console jwt-key";

const wrappingKey = (secret: string) => Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), INFO, 32));

export function sealPrivateJwk(json: string, kid: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", wrappingKey(secret), iv);
  cipher.setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(json, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The JSON of the private JWK; throws when the stored value was sealed under another secret (or altered). */
export function openPrivateJwk(stored: string, kid: string, secret: string): string {
  const [version, iv, tag, ciphertext, ...rest] = stored.split(".");
  if (version !== VERSION || !iv || !tag || !ciphertext || rest.length) throw new Error("Unknown signing key format");
  const decipher = createDecipheriv("aes-256-gcm", wrappingKey(secret), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** Rows written before encryption hold the JWK as clear JSON. */
export const isLegacyClear = (stored: string) => stored.trimStart().startsWith("{");

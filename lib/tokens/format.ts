// The token secret: <prefix><32 base62 random><6 base62 CRC32 of what precedes it>.
// mintSecret() is the only function that ever holds a new plaintext secret; the server keeps
// only its SHA-256. The checksum lets the server (and secret scanners) refuse a mistyped or
// made-up token without reading the database.
import { randomBytes } from "node:crypto";
import { ALPHABET, CHECKSUM_LENGTH, RANDOM_LENGTH, checksum, hashSecret } from "./secret-format.mjs";

export { CHECKSUM_LENGTH, RANDOM_LENGTH, base62, checksum, hashSecret } from "./secret-format.mjs";

/** Any prefix the server ever issued: changing TOKEN_PREFIX does not kill existing tokens. */
const SECRET_PATTERN = new RegExp(`^([a-z][a-z0-9]{1,9}_)([0-9A-Za-z]{${RANDOM_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);
export const MAX_SECRET_LENGTH = 11 + RANDOM_LENGTH + CHECKSUM_LENGTH;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 x 62: rejecting bytes above it keeps every character equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** How much of the secret the console shows to identify a token: the prefix and 8 characters. */
export const displayPrefix = (secret: string, prefix: string) => secret.slice(0, prefix.length + 8);

export type MintedSecret = { secret: string; hash: string; displayPrefix: string };

export function mintSecret(prefix: string): MintedSecret {
  const body = prefix + randomBase62(RANDOM_LENGTH);
  const secret = body + checksum(body);
  return { secret, hash: hashSecret(secret), displayPrefix: displayPrefix(secret, prefix) };
}

/** Shape and checksum only: true means "worth one database lookup". */
export function isWellFormedSecret(candidate: string): boolean {
  if (candidate.length > MAX_SECRET_LENGTH) return false;
  const match = SECRET_PATTERN.exec(candidate);
  return match !== null && checksum(match[1] + match[2]) === match[3];
}

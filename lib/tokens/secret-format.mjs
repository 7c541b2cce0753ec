// The token secret's format, shared by the server (lib/tokens/format.ts) and the scripts that
// make secrets of their own (scripts/bench.mjs): base62 digits and the CRC32 checksum that ends
// every secret. Plain JS: the scripts import it without a build step.
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";

export const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const RANDOM_LENGTH = 32; // 32 x log2(62) = 190 bits
export const CHECKSUM_LENGTH = 6; // 62^6 > 2^32

/** `value` in base62, left-padded with zeros to `width`. @param {number} value @param {number} width */
export function base62(value, width) {
  let n = value;
  let out = "";
  do {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

/** The checksum that ends a secret: CRC32 of what precedes it, in base62. @param {string} body */
export const checksum = (body) => base62(crc32(body), CHECKSUM_LENGTH);

/** The SHA-256 the server keeps in place of a secret. @param {string} secret */
export const hashSecret = (secret) => createHash("sha256").update(secret).digest("hex");

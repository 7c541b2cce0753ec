// The public keys secret-scanning services sign their reports with, in GitHub's format
// ({ public_keys: [{ key_identifier, key (PEM), is_current }] }), read from SECRET_SCANNING_KEYS:
// a file path, or an https URL such as https://api.github.com/meta/public_keys/secret_scanning
// (plain http only on loopback, for tests). Only EC P-256 keys are taken: reports are ECDSA
// P-256 / SHA-256, and a key of another type would let another algorithm's signature through.
import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { loadEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { scanningKeysSchema } from "@/lib/schemas/secret-scanning";

/** Keys are kept this long. An unknown key id (the service rotated its key) reloads them at once,
 * but never sooner than RETRY_MS after the last load, nor after a failed one: a flood of reports
 * with made-up key ids, or a key server that is down, costs one fetch a minute. */
const TTL_MS = 10 * 60_000;
const RETRY_MS = 60_000;

type State = { source: string; keys: Map<string, KeyObject> | null; loadedAt: number; attemptAt: number; loading: Promise<void> | null };
let state: State | undefined;

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** The source's text. An URL must be https, or http on loopback. */
async function read(source: string): Promise<string> {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return readFile(source, "utf8");
  const url = new URL(source);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    throw new Error("the keys URL must be https (plain http only on loopback)");
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: "application/json" }, redirect: "error" });
  if (!res.ok) throw new Error(`the keys URL answered ${res.status}`);
  return res.text();
}

function p256(id: string, pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return key;
    logger().warn({ keyId: id }, `Secret scanning key ${id} ignored: not an EC P-256 public key`);
  } catch {
    logger().warn({ keyId: id }, `Secret scanning key ${id} ignored: not a public key in PEM`);
  }
  return null;
}

async function load(source: string): Promise<Map<string, KeyObject>> {
  const parsed = scanningKeysSchema.parse(JSON.parse(await read(source)));
  const keys = new Map<string, KeyObject>();
  for (const k of parsed.public_keys) {
    const key = p256(k.key_identifier, k.key);
    if (key) keys.set(k.key_identifier, key);
  }
  return keys;
}

/** One load at a time (single flight): callers that arrive meanwhile wait for the same one. */
function reload(s: State, now: number): Promise<void> {
  if (!s.loading) {
    s.attemptAt = now;
    s.loading = load(s.source)
      .then((keys) => {
        s.keys = keys;
        s.loadedAt = now;
      })
      .catch((error: Error) => logger().error(`Secret scanning keys could not be read from SECRET_SCANNING_KEYS: ${error.message}`))
      .finally(() => {
        s.loading = null;
      });
  }
  return s.loading;
}

/** The P-256 key with this id, or null (also when no keys are configured or they can't be read;
 * keys read before stay in use while a reload fails). */
export async function scanningKey(keyId: string, now = Date.now()): Promise<KeyObject | null> {
  const source = loadEnv().secretScanningKeys;
  if (!source) return null;
  if (state?.source !== source) state = { source, keys: null, loadedAt: 0, attemptAt: -Infinity, loading: null };
  const s = state;
  const wanted = !s.keys || now - s.loadedAt >= TTL_MS || !s.keys.has(keyId);
  if (s.loading) await s.loading;
  else if (wanted && now - s.attemptAt >= RETRY_MS) await reload(s, now);
  return s.keys?.get(keyId) ?? null;
}

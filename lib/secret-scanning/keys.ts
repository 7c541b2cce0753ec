// The public keys secret-scanning services sign their reports with, in GitHub's format
// ({ public_keys: [{ key_identifier, key (PEM), is_current }] }), read from SECRET_SCANNING_KEYS:
// a file path, or an https URL such as https://api.github.com/meta/public_keys/secret_scanning.
import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { loadEnv } from "@/lib/env";
import { logger } from "@/lib/observability/logger.mjs";

const keysSchema = z.object({
  public_keys: z.array(z.object({ key_identifier: z.string().min(1).max(200), key: z.string().min(1).max(10_000), is_current: z.boolean().optional() })).max(100),
});

/** Kept this long; an unknown key id reloads at once (at most every MIN_RELOAD_MS), for key rotation. */
const TTL_MS = 10 * 60_000;
const MIN_RELOAD_MS = 30_000;
let cache: { source: string; at: number; keys: Map<string, KeyObject> } | undefined;

async function load(source: string): Promise<Map<string, KeyObject>> {
  const text = /^https?:\/\//.test(source)
    ? await fetch(source, { signal: AbortSignal.timeout(10_000), headers: { accept: "application/json" } }).then((r) => {
        if (!r.ok) throw new Error(`${source} answered ${r.status}`);
        return r.text();
      })
    : await readFile(source, "utf8");
  const parsed = keysSchema.parse(JSON.parse(text));
  return new Map(parsed.public_keys.map((k) => [k.key_identifier, createPublicKey(k.key)]));
}

/** The key with this id, or null (also when no keys are configured). */
export async function scanningKey(keyId: string, now = Date.now()): Promise<KeyObject | null> {
  const source = loadEnv().secretScanningKeys;
  if (!source) return null;
  const fresh = cache?.source === source && now - cache.at < TTL_MS;
  const mayReload = !cache || cache.source !== source || now - cache.at >= MIN_RELOAD_MS;
  if (!fresh || (!cache!.keys.has(keyId) && mayReload)) {
    try {
      cache = { source, at: now, keys: await load(source) };
    } catch (error) {
      logger().error(`Secret scanning keys could not be read from ${source}: ${(error as Error).message}`);
      if (cache?.source !== source) return null;
    }
  }
  return cache?.keys.get(keyId) ?? null;
}

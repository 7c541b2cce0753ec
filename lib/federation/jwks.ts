// The keys of the issuers federation policies trust: discovery document, then jwks_uri, both
// through the guarded fetch (issuer-fetch.ts).
//
// Memory bound: one entry per issuer, at most MAX_ISSUERS (least recently used dropped), and
// only issuers an enabled policy names are ever fetched; each entry holds one JWKS of at most
// MAX_BYTES. Keys are kept TTL_MS; a JWT with an unknown kid refetches at once, but never sooner
// than COOLDOWN_MS after the last fetch; a failed fetch is remembered COOLDOWN_MS, so an issuer
// that is down costs one fetch (at most TIMEOUT_MS) per cooldown, and only requests for that
// issuer wait on it (one fetch at a time per issuer; other issuers have their own entries).
import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { fetchJson, FetchRefused } from "./issuer-fetch";

export const MAX_ISSUERS = 100;
export const TTL_MS = 10 * 60_000;
export const COOLDOWN_MS = 30_000;
/** Keys fetched before stay in use this long while the issuer can't be reached. */
const STALE_MS = 60 * 60_000;

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.string() });
const jwksSchema = z.object({ keys: z.array(z.looseObject({ kty: z.string(), kid: z.string().optional() })).max(100) });

type Entry = {
  keys: JWTVerifyGetKey | null;
  kids: Set<string>;
  fetchedAt: number;
  attemptAt: number;
  failure: string | null;
  loading: Promise<void> | null;
};
const entries = new Map<string, Entry>();

export class IssuerUnavailable extends Error {}

async function load(issuer: string, allowLoopback: boolean) {
  const discovery = discoverySchema.safeParse(await fetchJson(`${issuer}/.well-known/openid-configuration`, allowLoopback));
  if (!discovery.success) throw new FetchRefused(`${issuer}: not an OpenID discovery document`);
  if (discovery.data.issuer.replace(/\/+$/, "") !== issuer) throw new FetchRefused(`${issuer}: the discovery document names another issuer`);
  const jwks = jwksSchema.safeParse(await fetchJson(discovery.data.jwks_uri, allowLoopback));
  if (!jwks.success) throw new FetchRefused(`${discovery.data.jwks_uri}: not a JSON Web Key Set`);
  return jwks.data as JSONWebKeySet;
}

function entryFor(issuer: string): Entry {
  let entry = entries.get(issuer);
  if (entry) {
    entries.delete(issuer); // re-inserted below: the Map's order is the recency order
  } else {
    entry = { keys: null, kids: new Set(), fetchedAt: 0, attemptAt: -Infinity, failure: null, loading: null };
  }
  entries.set(issuer, entry);
  while (entries.size > MAX_ISSUERS) entries.delete(entries.keys().next().value!);
  return entry;
}

function refresh(issuer: string, entry: Entry, allowLoopback: boolean, now: number): Promise<void> {
  if (!entry.loading) {
    entry.attemptAt = now;
    entry.loading = load(issuer, allowLoopback)
      .then((jwks) => {
        entry.keys = createLocalJWKSet(jwks);
        entry.kids = new Set(jwks.keys.map((k) => k.kid).filter((k): k is string => typeof k === "string"));
        entry.fetchedAt = now;
        entry.failure = null;
      })
      .catch((error: Error) => {
        entry.failure = error.message;
      })
      .finally(() => {
        entry.loading = null;
      });
  }
  return entry.loading;
}

/** The issuer's key set for a JWT with this kid: fetched or refreshed as the rules above say.
 * Throws IssuerUnavailable when there are no usable keys. */
export async function issuerKeys(issuer: string, kid: string | undefined, allowLoopback: boolean, now = Date.now()): Promise<JWTVerifyGetKey> {
  const entry = entryFor(issuer);
  const coolingDown = now - entry.attemptAt < COOLDOWN_MS;
  const stale = !entry.keys || now - entry.fetchedAt >= TTL_MS;
  const unknownKid = kid !== undefined && !entry.kids.has(kid);
  if ((stale || unknownKid) && !coolingDown) await refresh(issuer, entry, allowLoopback, now);
  else if (entry.loading) await entry.loading;
  if (!entry.keys || now - entry.fetchedAt >= STALE_MS) throw new IssuerUnavailable(entry.failure ?? "the issuer's keys could not be read");
  return entry.keys;
}

/** Tests: forget every issuer. */
export function clearIssuerKeys() {
  entries.clear();
}

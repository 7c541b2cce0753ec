// The verification cache: what a token hash resolved to, kept for a few seconds so that the
// hot path costs one SHA-256 and a Map lookup. Correctness rules:
// - expiry is checked on every request against the cached expiresAt, so it is exact; so is the
//   end of a replaced secret's grace period (graceUntil);
// - this instance drops entries at once when it revokes, regenerates or deletes a token, or
//   changes or disables a user: a revoked token never passes here after the revoke returns;
// - other instances (PostgreSQL, several app servers) are told at once through
//   LISTEN/NOTIFY (service/cache-sync.ts), and lag by at most the TTL should that channel be down
//   (TOKEN_CACHE_TTL_SECONDS, default 5; 0 turns the cache off); the other workers of this
//   instance (WEB_CONCURRENCY) through the cluster's primary, acknowledged before a revoke
//   answers (service/worker-sync.ts);
// - a lookup that started before an invalidation is not stored after it (`generation`), so a
//   slow read of the old row can't put a revoked token back for a TTL.
// Memory: at most MAX_ENTRIES entries (oldest dropped first), under APPROX_ENTRY_BYTES each
// (measured ~780 bytes for a 64-character hash key and a principal with no scopes; ~100
// more per scope), so about 10 MB at most. Unknown hashes are never stored: a flood of made-up tokens costs lookups,
// not memory.
import { loadEnv } from "@/lib/env";
import type { Scope } from "@/lib/permissions/check";
import { countCacheLookup } from "@/lib/observability/metrics";
import type { IpAllowlist } from "./ip-allowlist";

export type CachedPrincipal = {
  tokenId: string;
  userId: string;
  expiresAt: Date | null;
  revoked: boolean;
  allPermissions: boolean;
  scopes: Scope[];
  /** Addresses allowed to use the token, compiled; null: any address. */
  allowlist: IpAllowlist | null;
  /** `provisioned`: the directory provisions them (SCIM); `needsDirectory`: an SSO user under the
   * policy that their tokens work only while it does (the policy is read with the row, and a
   * change of it empties every instance's cache). */
  user: { id: string; email: string; name: string; kind: string; roles: string[]; disabled: boolean; provisioned?: boolean; needsDirectory?: boolean };
  /** Set when the secret is a replaced one (lib/tokens/service/rotate-self.ts): it works until then, and its
   * use at or after it revokes the token. Cached with the entry, so it stops at graceUntil exactly.
   * Absent or null: the token's current secret. */
  graceUntil?: Date | null;
  /** A token the approval policy holds back (lib/policy/approval.ts): refused while pending (and
   * as expired once pending longer than PENDING_APPROVAL_DAYS after `since`, when it went pending), and for good
   * once denied. Absent: no approval needed, or approved. A decision empties the caches. */
  approval?: { status: "pending" | "denied"; since: Date };
};

type Entry = { value: CachedPrincipal; storedAt: number };

export const MAX_ENTRIES = 10_000;
export const APPROX_ENTRY_BYTES = 1_000;

export type InvalidateOptions = { local?: boolean };

export class TokenCache {
  private entries = new Map<string, Entry>();
  /** Bumped by every invalidation: a lookup begun under an older generation is not stored. */
  generation = 0;
  /** Tells other instances (set by service/cache-sync.ts on PostgreSQL); not called for `local` drops.
   * Resolves once the message is sent (never rejects). */
  broadcast?: (message: string) => Promise<void> | void;

  constructor(
    private ttlMs: () => number,
    private maxEntries = MAX_ENTRIES,
  ) {}

  get(hash: string, now = Date.now()): CachedPrincipal | undefined {
    const entry = this.entries.get(hash);
    const fresh = entry !== undefined && now - entry.storedAt < this.ttlMs();
    if (entry && !fresh) this.entries.delete(hash);
    countCacheLookup(fresh);
    return fresh ? entry.value : undefined;
  }

  /** `since`: the generation read before the lookup began (skipped if anything was dropped since). */
  set(hash: string, value: CachedPrincipal, now = Date.now(), since = this.generation) {
    if (this.ttlMs() <= 0 || since !== this.generation) return;
    this.entries.delete(hash);
    if (this.entries.size >= this.maxEntries) {
      // Oldest first: Map keeps insertion order.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { value, storedAt: now });
  }

  /** Drops the token here at once; the promise resolves once the other instances and workers were
   * told (await it before answering a revoke: service/revoke.ts). Never rejects. */
  invalidateToken(tokenId: string, { local = false }: InvalidateOptions = {}): Promise<void> {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.value.tokenId === tokenId) this.entries.delete(hash);
    return Promise.resolve(local ? undefined : this.broadcast?.(`token:${tokenId}`));
  }

  invalidateUser(userId: string, { local = false }: InvalidateOptions = {}): Promise<void> {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.value.userId === userId) this.entries.delete(hash);
    return Promise.resolve(local ? undefined : this.broadcast?.(`user:${userId}`));
  }

  /** As invalidateUser, and resolves once other instances have been sent the message, so that a
   * caller can answer only after every instance was told (SCIM deprovisioning). */
  async invalidateUserEverywhere(userId: string): Promise<void> {
    this.invalidateUser(userId, { local: true });
    await this.broadcast?.(`user:${userId}`);
  }

  /** Empties this cache and every other instance's (a policy that changes every lookup). */
  async clearEverywhere(): Promise<void> {
    this.clear();
    await this.broadcast?.("all:");
  }

  /** A message from another instance: "token:<id>", "user:<id>" or "all:". */
  receive(message: string) {
    if (message === "all:") return this.clear();
    const [kind, id] = [message.slice(0, message.indexOf(":")), message.slice(message.indexOf(":") + 1)];
    if (kind === "token" && id) void this.invalidateToken(id, { local: true });
    if (kind === "user" && id) void this.invalidateUser(id, { local: true });
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }

  get size() {
    return this.entries.size;
  }
}

const globalForCache = globalThis as unknown as { patTokenCache?: TokenCache };
export const tokenCache = (globalForCache.patTokenCache ??= new TokenCache(() => loadEnv().tokenCacheTtlMs));

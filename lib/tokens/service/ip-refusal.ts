// The allowlist check where a token authenticates its caller (withAuth, the token exchange,
// incoming webhooks): a call from outside the token's list is refused with 403 ip_not_allowed,
// counted in the token's usage (refusedIp) and audited as token.ip_refused.
// The audit writes are rate-limited so a flood can't fill the audit table: at most one event per
// token and address per AUDIT_EVERY_MS, and at most AUDIT_PER_TOKEN events per token in that
// time whatever the addresses (a flood from many addresses). Memory: at most MAX_TRACKED
// (token, address) pairs and MAX_TRACKED tokens are remembered (oldest dropped first; measured
// ~130 bytes for a pair and its token, so ~2 MB at most).
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/errors";
import type { CachedPrincipal } from "../cache";
import { ipAllowed } from "../ip-allowlist";
import { recordRefusal } from "./usage";
import { countVerification } from "@/lib/observability/metrics";
import { logger } from "@/lib/observability/logger";

export const AUDIT_EVERY_MS = 60_000;
export const AUDIT_PER_TOKEN = 10;
export const MAX_TRACKED = 10_000;

/** Decides which refusals are audited; memory bounded as said above. */
export class RefusalAuditLimiter {
  private pairs = new Map<string, number>();
  private tokens = new Map<string, { since: number; count: number }>();

  constructor(private maxTracked = MAX_TRACKED) {}

  shouldAudit(tokenId: string, ip: string | null, now = Date.now()): boolean {
    const pair = `${tokenId} ${ip ?? "-"}`;
    const last = this.pairs.get(pair);
    if (last !== undefined && now - last < AUDIT_EVERY_MS) return false;
    let budget = this.tokens.get(tokenId);
    if (!budget || now - budget.since >= AUDIT_EVERY_MS) budget = { since: now, count: 0 };
    if (budget.count >= AUDIT_PER_TOKEN) return false;
    budget.count++;
    remember(this.tokens, tokenId, budget, this.maxTracked);
    remember(this.pairs, pair, now, this.maxTracked);
    return true;
  }

  get size() {
    return { pairs: this.pairs.size, tokens: this.tokens.size };
  }
}

/** Map insertion order is age order: re-insert on update, drop the first past the bound. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number) {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

const globalForLimiter = globalThis as unknown as { patIpRefusalAudit?: RefusalAuditLimiter };
export const refusalAudits = (globalForLimiter.patIpRefusalAudit ??= new RefusalAuditLimiter());

export const ipNotAllowed = (ip: string | null) =>
  new ApiError(
    "ip_not_allowed",
    ip ? `This token may not be used from ${ip}: the address is not in its allowlist` : "This token may only be used from listed addresses, and the client address is unknown",
    { ip },
  );

/** Throws ip_not_allowed when the token has an allowlist and `ip` is not in it (or unknown). */
export async function assertIpAllowed(principal: CachedPrincipal, ip: string | null, userAgent: string | null = null): Promise<void> {
  if (!principal.allowlist || ipAllowed(principal.allowlist, ip)) return;
  recordRefusal(principal.tokenId, "ip");
  countVerification("ip");
  if (refusalAudits.shouldAudit(principal.tokenId, ip)) {
    const meta = { actorId: principal.user.id, actorEmail: principal.user.email, ip, userAgent };
    // The refusal stands even when the audit log can't be written.
    try {
      // The name is not in the cached principal; read it here, as rarely as events are written.
      const token = await db.token.findUnique({ where: { id: principal.tokenId }, select: { name: true } });
      const entry = { action: "token.ip_refused", targetType: "token", targetId: principal.tokenId, targetName: token?.name ?? null, ownerId: principal.userId, outcome: "failure", details: { ip } } as const;
      await recordAudit(db, meta, entry);
    } catch (error) {
      logger().error(`Could not audit an IP refusal: ${(error as Error).message}`);
    }
  }
  throw ipNotAllowed(ip);
}

// How a token row leaves the server: its status today, its scopes, its owner and who revoked it
// (service/respond.ts looks the revokers up).
import { parseStringList } from "@/lib/utils/string-list";
import type { Token } from "@/lib/db";
import { pendingExpired, pendingSince, pendingUntil } from "@/lib/policy/approval";
import { storedAllowlist } from "./ip-allowlist";
import type { ScopeResponse, TokenResponse, TokenStatus } from "@/lib/schemas/token";

export type Person = { id: string; email: string; name: string };
/** `kind`: the owner is a person (internal, ldap, sso) or a service account ("service"). */
export type TokenRow = Token & { scopes: ScopeResponse[]; user: Person & { kind: string } };

export const person = { select: { id: true, email: true, name: true } };
/** The include that makes a TokenRow. */
export const withScopes = {
  scopes: {
    select: { id: true, entity: true, operation: true, entityId: true },
    orderBy: [{ entity: "asc" as const }, { operation: "asc" as const }, { entityId: "asc" as const }],
  },
  user: { select: { id: true, email: true, name: true, kind: true } },
};

export function tokenStatus(token: Pick<Token, "revokedAt" | "expiresAt">, now = new Date()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** `revokers` resolves revokedById (and approvalDecidedById) to a person (the owner sees who revoked their token). */
export function toTokenResponse(token: TokenRow, now = new Date(), revokers = new Map<string, Person>()): TokenResponse {
  return {
    id: token.id,
    name: token.name,
    description: token.description,
    prefix: token.prefix,
    status: tokenStatus(token, now),
    scopes: token.allPermissions ? "all" : token.scopes.map(({ id, entity, operation, entityId }) => ({ id, entity, operation, entityId })),
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: token.lastUsedIp,
    owner: token.user,
    revokedBy: token.revokedById ? (revokers.get(token.revokedById) ?? null) : null,
    revokedReason: token.revokedReason,
    revokedDetails: token.revokedAt ? revokedDetails(token.revokedDetails) : null,
    rotationGraceSeconds: token.rotationGraceSeconds,
    allowedIps: storedAllowlist(token.allowedIps),
    approval: approvalOf(token, now, revokers),
  };
}

/** The approval state as the API shows it; `people` resolves who decided. */
function approvalOf(token: TokenRow, now: Date, people: Map<string, Person>): TokenResponse["approval"] {
  const status = token.approvalStatus;
  if (status !== "pending" && status !== "approved" && status !== "denied" && status !== "expired") return null;
  const since = pendingSince(token);
  const until = status === "pending" || status === "expired" ? pendingUntil(since) : null;
  return {
    status: status === "pending" && pendingExpired(since, now) ? "expired" : status,
    reason: token.approvalReason,
    decidedBy: token.approvalDecidedById ? (people.get(token.approvalDecidedById) ?? null) : null,
    decidedAt: token.approvalDecidedAt?.toISOString() ?? null,
    pendingUntil: until?.toISOString() ?? null,
    requestedBy: token.approvalRequestedById ? (people.get(token.approvalRequestedById) ?? null) : null,
    requestedAt: (token.approvalRequestedAt ?? (status === "pending" || status === "expired" ? since : null))?.toISOString() ?? null,
    because: parseStringList(token.approvalBecause), // [] for rows held back before it was stored
  };
}


/** The stored particulars of a revoke, when they are the { ip, at } a reuse records; else null. */
function revokedDetails(stored: string | null): TokenResponse["revokedDetails"] {
  if (!stored) return null;
  try {
    const { ip, at } = JSON.parse(stored) as { ip?: unknown; at?: unknown };
    if (typeof at !== "string" || Number.isNaN(Date.parse(at))) return null;
    return { ip: typeof ip === "string" ? ip : null, at: new Date(at).toISOString() };
  } catch {
    return null;
  }
}

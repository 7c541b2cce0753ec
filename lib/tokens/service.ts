// Token actions for one owner. The owner id is in every where, so a wrong id can never touch
// another user's token: it is simply not found.
import { db, type Token } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { ApiError, notFound } from "@/lib/errors";
import { getCatalog } from "@/lib/permissions/catalog";
import type { TokenGrant } from "@/lib/permissions/check";
import { assertMayGrantAll, normalizeScopes } from "@/lib/permissions/validate";
import { decideExpiry, type ExpiryRequest } from "@/lib/policy/expiry";
import { canCreateTokens, getSettings } from "@/lib/policy/settings";
import type { CreateTokenInput, ScopeInput, ScopeResponse, TokenResponse, TokenStatus, TokenWithSecret } from "@/lib/schemas/token";
import { tokenCache } from "./cache";
import { mintSecret } from "./format";
import { forgetUse } from "./last-used";

/** Who acts: the owner, with their roles today, and the token they called with (if any). */
export type Caller = { user: { id: string; kind: string; roles: string[] }; token: TokenGrant | null };

type ScopeRow = ScopeResponse;
type TokenRow = Token & { scopes: ScopeRow[] };

const withScopes = {
  scopes: {
    select: { id: true, entity: true, operation: true, entityId: true },
    orderBy: [{ entity: "asc" as const }, { operation: "asc" as const }, { entityId: "asc" as const }],
  },
};

export function tokenStatus(token: Pick<Token, "revokedAt" | "expiresAt">, now = new Date()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function toTokenResponse(token: TokenRow, now = new Date()): TokenResponse {
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
  };
}

/** Policy checks shared by create and regenerate: who may mint a secret, and for how long. */
async function allowedExpiry(owner: Caller["user"], request: ExpiryRequest, now: Date): Promise<Date | null> {
  const settings = await getSettings();
  if (!canCreateTokens(owner, settings)) {
    throw new ApiError(403, "policy_violation", "An admin has turned off personal access tokens for SSO users");
  }
  const decision = decideExpiry(request, settings.maxExpiration, now);
  if (!decision.ok) throw new ApiError(400, "policy_violation", decision.message);
  return decision.expiresAt;
}

export async function createToken(caller: Caller, input: CreateTokenInput, now = new Date()): Promise<TokenWithSecret> {
  const all = input.scopes === "all";
  if (all) assertMayGrantAll(caller.token);
  const scopes = all ? [] : normalizeScopes(getCatalog(), caller.user.roles, caller.token, input.scopes as ScopeInput[]);
  const expiresAt = await allowedExpiry(caller.user, input, now);
  const minted = mintSecret(loadEnv().tokenPrefix);
  const token = await db.token.create({
    data: {
      userId: caller.user.id,
      name: input.name,
      description: input.description || null,
      prefix: minted.displayPrefix,
      secretHash: minted.hash,
      allPermissions: all,
      createdAt: now,
      expiresAt,
      scopes: { create: scopes },
    },
    include: withScopes,
  });
  return { token: toTokenResponse(token, now), secret: minted.secret };
}

const statusWhere = (status: TokenStatus | undefined, now: Date) => {
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "active":
      return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    default:
      return {};
  }
};

export async function listTokens(
  ownerId: string,
  query: { status?: TokenStatus; cursor?: string; limit: number },
  now = new Date(),
): Promise<{ tokens: TokenResponse[]; nextCursor: string | null }> {
  const rows = await db.token.findMany({
    where: { userId: ownerId, ...statusWhere(query.status, now) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: withScopes,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    tokens: page.map((t) => toTokenResponse(t, now)),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

async function findOwned(ownerId: string, id: string): Promise<TokenRow> {
  const token = await db.token.findFirst({ where: { id, userId: ownerId }, include: withScopes });
  if (!token) throw notFound("Token");
  return token;
}

export async function getToken(ownerId: string, id: string): Promise<TokenResponse> {
  return toTokenResponse(await findOwned(ownerId, id));
}

export async function updateToken(ownerId: string, id: string, input: { name?: string; description?: string | null }) {
  await findOwned(ownerId, id);
  const token = await db.token.update({
    where: { id },
    data: { name: input.name, description: input.description === undefined ? undefined : input.description || null },
    include: withScopes,
  });
  return toTokenResponse(token);
}

/** Permanent for this secret. Revoking twice is not an error; the first time stands. */
export async function revokeToken(ownerId: string, id: string, actorId: string, now = new Date()): Promise<TokenResponse> {
  const token = await findOwned(ownerId, id);
  if (token.revokedAt) return toTokenResponse(token, now);
  await db.token.updateMany({ where: { id, userId: ownerId, revokedAt: null }, data: { revokedAt: now, revokedById: actorId } });
  tokenCache.invalidateToken(id);
  return toTokenResponse(await findOwned(ownerId, id), now);
}

/** A new secret and expiry; name, description and scopes stay. The old secret dies at once. */
export async function regenerateToken(caller: Caller, id: string, request: ExpiryRequest, now = new Date()): Promise<TokenWithSecret> {
  await findOwned(caller.user.id, id);
  const expiresAt = await allowedExpiry(caller.user, request, now);
  const minted = mintSecret(loadEnv().tokenPrefix);
  const token = await db.token.update({
    where: { id },
    data: {
      prefix: minted.displayPrefix,
      secretHash: minted.hash,
      expiresAt,
      revokedAt: null,
      revokedById: null,
      lastUsedAt: null,
      lastUsedIp: null,
    },
    include: withScopes,
  });
  tokenCache.invalidateToken(id);
  forgetUse(id);
  return { token: toTokenResponse(token, now), secret: minted.secret };
}

export async function deleteToken(ownerId: string, id: string): Promise<void> {
  const { count } = await db.token.deleteMany({ where: { id, userId: ownerId } });
  if (count === 0) throw notFound("Token");
  tokenCache.invalidateToken(id);
}

export async function deleteAllTokens(ownerId: string): Promise<number> {
  const { count } = await db.token.deleteMany({ where: { userId: ownerId } });
  tokenCache.invalidateUser(ownerId);
  return count;
}

// Scopes of one token (seed 004: add a scope, delete a scope, delete all scopes).

export async function listScopes(ownerId: string, id: string): Promise<{ allPermissions: boolean; scopes: ScopeResponse[] }> {
  const token = await findOwned(ownerId, id);
  return { allPermissions: token.allPermissions, scopes: token.scopes };
}

export async function addScope(caller: Caller, id: string, input: ScopeInput): Promise<ScopeResponse> {
  const token = await findOwned(caller.user.id, id);
  if (token.allPermissions) {
    throw new ApiError(409, "conflict", "This token has all permissions. Delete all its scopes first to select permissions one by one.");
  }
  const [scope] = normalizeScopes(getCatalog(), caller.user.roles, caller.token, [input]);
  const existing = token.scopes.find((s) => s.entity === scope.entity && s.operation === scope.operation && s.entityId === scope.entityId);
  if (existing) throw new ApiError(409, "conflict", "The token already has this scope");
  const { select } = withScopes.scopes;
  const created = await db.tokenScope.create({ data: { tokenId: id, ...scope }, select });
  tokenCache.invalidateToken(id);
  return created;
}

export async function deleteScope(ownerId: string, id: string, scopeId: string): Promise<void> {
  const token = await findOwned(ownerId, id);
  if (!token.scopes.some((s) => s.id === scopeId)) throw notFound("Scope");
  await db.tokenScope.deleteMany({ where: { id: scopeId, tokenId: id } });
  tokenCache.invalidateToken(id);
}

/** Leaves the token with no permission at all (it does not fall back to "all"). */
export async function deleteAllScopes(ownerId: string, id: string): Promise<number> {
  await findOwned(ownerId, id);
  const [{ count }] = await db.$transaction([
    db.tokenScope.deleteMany({ where: { tokenId: id } }),
    db.token.update({ where: { id }, data: { allPermissions: false } }),
  ]);
  tokenCache.invalidateToken(id);
  return count;
}

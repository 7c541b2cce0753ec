// Token actions for one owner. The owner id is in every where, so a wrong id can never touch
// another user's token: it is simply not found.
import { db, type Token } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { ApiError, notFound } from "@/lib/errors";
import { decideExpiry, type ExpiryRequest } from "@/lib/policy/expiry";
import { canCreateTokens, getSettings } from "@/lib/policy/settings";
import type { CreateTokenInput, TokenResponse, TokenStatus, TokenWithSecret } from "@/lib/schemas/token";
import { tokenCache } from "./cache";
import { mintSecret } from "./format";
import { forgetUse } from "./last-used";

type Owner = { id: string; kind: string };

export function tokenStatus(token: Pick<Token, "revokedAt" | "expiresAt">, now = new Date()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function toTokenResponse(token: Token, now = new Date()): TokenResponse {
  return {
    id: token.id,
    name: token.name,
    description: token.description,
    prefix: token.prefix,
    status: tokenStatus(token, now),
    scopes: "all",
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: token.lastUsedIp,
  };
}

/** Policy checks shared by create and regenerate: who may mint a secret, and for how long. */
async function allowedExpiry(owner: Owner, request: ExpiryRequest, now: Date): Promise<Date | null> {
  const settings = await getSettings();
  if (!canCreateTokens(owner, settings)) {
    throw new ApiError(403, "policy_violation", "An admin has turned off personal access tokens for SSO users");
  }
  const decision = decideExpiry(request, settings.maxExpiration, now);
  if (!decision.ok) throw new ApiError(400, "policy_violation", decision.message);
  return decision.expiresAt;
}

export async function createToken(owner: Owner, input: CreateTokenInput, now = new Date()): Promise<TokenWithSecret> {
  const expiresAt = await allowedExpiry(owner, input, now);
  const minted = mintSecret(loadEnv().tokenPrefix);
  const token = await db.token.create({
    data: {
      userId: owner.id,
      name: input.name,
      description: input.description || null,
      prefix: minted.displayPrefix,
      secretHash: minted.hash,
      allPermissions: true,
      createdAt: now,
      expiresAt,
    },
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
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    tokens: page.map((t) => toTokenResponse(t, now)),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

async function findOwned(ownerId: string, id: string): Promise<Token> {
  const token = await db.token.findFirst({ where: { id, userId: ownerId } });
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
export async function regenerateToken(owner: Owner, id: string, request: ExpiryRequest, now = new Date()): Promise<TokenWithSecret> {
  await findOwned(owner.id, id);
  const expiresAt = await allowedExpiry(owner, request, now);
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

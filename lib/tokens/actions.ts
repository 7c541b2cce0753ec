// Token actions: create, list, read, edit, revoke, regenerate, delete. Who may touch a token is
// decided in one place, findAccessible / findForOwner below: the owner (their id is in every
// where, so another user's token is simply not found), or an admin for read, revoke and delete.
// Scopes of one token are in scopes.ts; the response shape in response.ts.
import { insufficientScopeError } from "@/lib/auth/challenge";
import { recordAudit, systemMeta, type AuditEntry, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { ApiError, forbidden, notFound, conflict, policyViolation } from "@/lib/errors";
import { getCatalog, type Operation } from "@/lib/permissions/catalog";
import { scopesAllow, type TokenGrant } from "@/lib/permissions/check";
import { assertMayGrantAll, normalizeScopes } from "@/lib/permissions/validate";
import { decideExpiry, type ExpiryRequest } from "@/lib/policy/expiry";
import { canCreateTokens, getSettings } from "@/lib/policy/settings";
import type { CreateTokenInput, RegenerateInput, ScopeInput, TokenResponse, TokenStatus, TokenWithSecret, UpdateTokenInput } from "@/lib/schemas/token";
import { sendSoon, type NoticeTx } from "@/lib/lifecycle/notices";
import { adminRevokeNotice } from "@/lib/lifecycle/owner-notices";
import { isAdmin } from "@/lib/users/roles";
import { tokenCache } from "./cache";
import { hashSecret, isWellFormedSecret, mintSecret } from "./format";
import { graceSecondsFor } from "./grace";
import { allowlistWithin, compileAllowlist } from "./ip-allowlist";
import { forgetUse } from "./last-used";
import { REVOKED_BY_ANOTHER, revokedByAnother } from "./regenerate-rule";
import { respond, revokersOf, toTokenResponse, withScopes, type TokenRow } from "./response";
import { recordReplaced } from "./replaced-secrets";

/** Who acts: the owner, with their roles today, the token they called with (if any), and
 * where from (for the audit log). */
export type Caller = {
  user: { id: string; kind: string; roles: string[]; email?: string };
  /** `replaced`: the caller sent a replaced secret still in its grace period. `allowedIps`: the
   * token's allowlist (null: any address). */
  token: (TokenGrant & { expiresAt?: Date | null; replaced?: boolean; allowedIps?: readonly string[] | null }) | null;
  audit?: AuditMeta;
};

export const metaOf = (caller: Caller) => caller.audit ?? systemMeta(caller.user);
export const tokenEvent = (action: AuditEntry["action"], token: { id: string; name: string; userId: string }, details?: Record<string, unknown>): AuditEntry => ({
  action,
  targetType: "token",
  targetId: token.id,
  targetName: token.name,
  ownerId: token.userId,
  details,
});


/** Policy checks shared by create, regenerate and rotate: who may mint a secret, and for how long. */
export async function allowedExpiry(owner: Caller["user"], request: ExpiryRequest, now: Date): Promise<Date | null> {
  const settings = await getSettings();
  if (!canCreateTokens(owner, settings)) {
    throw policyViolation("An admin has turned off personal access tokens for SSO users");
  }
  const decision = decideExpiry(request, settings.maxExpiration, now);
  if (!decision.ok) throw new ApiError(decision.code, decision.message);
  return decision.expiresAt;
}

/** A secret handed to a token caller never outgrows that token: it must call with its current
 * secret (a replaced one in its grace period gets 409: a leaked old secret can't mint or take
 * over), the target's grant must fit inside the caller's (else 403 insufficient_scope), and its
 * expiry is capped at the caller's. */
function withinCallerToken(caller: Caller, target: TokenGrant, expiresAt: Date | null): Date | null {
  const own = caller.token;
  if (!own) return expiresAt;
  if (own.replaced) throw conflict(REPLACED_SECRET_CANT_MINT);
  const fits = target.allPermissions
    ? own.allPermissions
    : target.scopes.every((s) => scopesAllow(own, { entity: s.entity, operation: s.operation as Operation, entityId: s.entityId }));
  if (!fits) throw insufficientScopeError("The token you called with holds less than this token: use a token with at least its permissions, or sign in");
  if (!own.expiresAt) return expiresAt;
  return expiresAt === null || expiresAt > own.expiresAt ? own.expiresAt : expiresAt;
}

export const REPLACED_SECRET_CANT_MINT =
  "This secret was replaced and works only until its grace period ends: it can't create or regenerate tokens. Use the token's current secret.";


/** A token caller with an allowlist can't shed it: the allowlist a token gets (or keeps, when the
 * caller hands out its secret) must lie inside the caller's; `undefined` (not chosen) inherits it. */
function allowlistWithinCaller(caller: Caller, list: readonly string[] | null | undefined): readonly string[] | null | undefined {
  const own = caller.token?.allowedIps;
  if (own === undefined || own === null) return list;
  if (list === undefined && own.length) return own;
  if (list === undefined || !allowlistWithin(list, own)) {
    throw insufficientScopeError("The token you called with may only be used from some addresses: the token's allowlist must lie inside it (and can't be removed)");
  }
  return list;
}

export async function createToken(caller: Caller, input: CreateTokenInput, now = new Date()): Promise<TokenWithSecret> {
  const all = input.scopes === "all";
  if (all) assertMayGrantAll(caller.token);
  const scopes = all ? [] : normalizeScopes(getCatalog(), caller.user.roles, caller.token, input.scopes as ScopeInput[]);
  const expiresAt = withinCallerToken(caller, { allPermissions: all, scopes }, await allowedExpiry(caller.user, input, now));
  const allowedIps = allowlistWithinCaller(caller, input.allowedIps);
  const minted = mintSecret(loadEnv().tokenPrefix);
  const token = await db.$transaction(async (tx) => {
    const row = await tx.token.create({
      data: {
        userId: caller.user.id,
        name: input.name,
        description: input.description || null,
        prefix: minted.displayPrefix,
        secretHash: minted.hash,
        allPermissions: all,
        createdAt: now,
        secretIssuedAt: now,
        expiresAt,
        rotationGraceSeconds: input.rotationGraceSeconds ?? null,
        allowedIps: allowedIps ? JSON.stringify(allowedIps) : null,
        scopes: { create: scopes },
      },
      include: withScopes,
    });
    const details = { prefix: row.prefix, expiresAt: expiresAt?.toISOString() ?? null, scopes: all ? "all" : scopes, ...(allowedIps ? { allowedIps } : {}) };
    await recordAudit(tx, metaOf(caller), tokenEvent("token.create", row, details));
    return row;
  });
  return { token: await respond(token, now), secret: minted.secret };
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

/** Active and expiring within 7 days (the only `expiring` choice). */
const expiringWhere = (expiring: "7d" | undefined, now: Date) =>
  expiring ? { AND: [{ revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + 7 * 86_400_000) } }] } : {};

export type ListQuery = { status?: TokenStatus; cursor?: string; limit: number; all?: boolean; owner?: string; expiring?: "7d" };

/** My tokens; with `all`, an admin sees everyone's (optionally one owner's, by id or email). */
export async function listTokens(caller: Caller, query: ListQuery, now = new Date()): Promise<{ tokens: TokenResponse[]; nextCursor: string | null }> {
  if ((query.all || query.owner) && !isAdmin(caller.user.roles)) throw forbidden("Only admins can see other users' tokens");
  const ownerWhere = query.owner
    ? query.owner.includes("@") ? { user: { email: query.owner.toLowerCase() } } : { userId: query.owner }
    : query.all ? {} : { userId: caller.user.id };
  const rows = await db.token.findMany({
    where: { ...ownerWhere, ...statusWhere(query.status, now), ...expiringWhere(query.expiring, now) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: withScopes,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const revokers = await revokersOf(page);
  return {
    tokens: page.map((t) => toTokenResponse(t, now, revokers)),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

/** The caller's token, or for an admin anyone's (read, revoke and delete only). */
export async function findAccessible(caller: Caller, id: string): Promise<TokenRow> {
  const where = isAdmin(caller.user.roles) ? { id } : { id, userId: caller.user.id };
  const token = await db.token.findFirst({ where, include: withScopes });
  if (!token) throw notFound("Token");
  return token;
}

/** Owner-only actions: an admin gets a clear 403 on another user's token, others a 404. */
export async function findForOwner(caller: Caller, id: string, action: string): Promise<TokenRow> {
  const token = await findAccessible(caller, id);
  if (token.userId !== caller.user.id) throw forbidden(`Only the token's owner can ${action} it`);
  return token;
}

export async function getToken(caller: Caller, id: string): Promise<TokenResponse> {
  return respond(await findAccessible(caller, id));
}

export async function updateToken(caller: Caller, id: string, input: UpdateTokenInput) {
  await findForOwner(caller, id, "edit");
  const ips = input.allowedIps === undefined ? undefined : allowlistWithinCaller(caller, input.allowedIps);
  const token = await db.$transaction(async (tx) => {
    const row = await tx.token.update({
      where: { id },
      data: {
        name: input.name,
        description: input.description === undefined ? undefined : input.description || null,
        rotationGraceSeconds: input.rotationGraceSeconds,
        allowedIps: ips === undefined ? undefined : ips ? JSON.stringify(ips) : null,
      },
      include: withScopes,
    });
    const details = { changed: Object.keys(input), ...(ips === undefined ? {} : { allowedIps: ips ?? [] }) };
    await recordAudit(tx, metaOf(caller), tokenEvent("token.update", row, details));
    return row;
  });
  // The cached principal carries the allowlist: a new list applies from the next call.
  if (ips !== undefined) tokenCache.invalidateToken(id);
  return respond(token);
}

type RevokeTarget = { id: string; name: string; userId: string };
/** Queues the owner's notice of a revoke inside the revoke's transaction (so a crash between the
 * two can't lose the mail); returns the notice's id when it queued one. */
export type RevokeNotice = (tx: NoticeTx) => Promise<string | null>;
/** Particulars kept on the token (revokedDetails, never a secret), an event recorded with the
 * revoke, a condition (revoke only while this replaced secret is still recorded for it), and the
 * owner's notice. */
export type RevokeExtra = { revokedDetails?: Record<string, unknown>; event?: AuditEntry; whileReplaced?: string; notice?: RevokeNotice };

/** The one revoke step (owner, admin, or whoever holds the secret): stamp, audit, queue the
 * owner's notice, drop from the cache, send the notice in the background (the job retries it).
 * Revoking twice is not an error; the first revoke stands. */
async function revoke(token: RevokeTarget, meta: AuditMeta, revokedById: string | null, now: Date, details?: Record<string, unknown>, reason: string | null = null, extra: RevokeExtra = {}) {
  let noticeId: string | null = null;
  const revoked = await db.$transaction(async (tx) => {
    const { count } = await tx.token.updateMany({
      where: { id: token.id, userId: token.userId, revokedAt: null, ...(extra.whileReplaced ? { replacedSecrets: { some: { secretHash: extra.whileReplaced } } } : {}) },
      data: { revokedAt: now, revokedById, revokedReason: reason, revokedDetails: extra.revokedDetails ? JSON.stringify(extra.revokedDetails) : null },
    });
    if (count && extra.event) await recordAudit(tx, meta, extra.event);
    if (count) await recordAudit(tx, meta, tokenEvent("token.revoke", token, details));
    if (count && extra.notice) noticeId = await extra.notice(tx);
    return count > 0;
  });
  if (revoked) tokenCache.invalidateToken(token.id);
  if (noticeId) sendSoon(noticeId, now);
  return revoked;
}

/** Permanent for this secret (owner or admin). */
export async function revokeToken(caller: Caller, id: string, now = new Date()): Promise<TokenResponse> {
  const token = await findAccessible(caller, id);
  if (token.revokedAt) return respond(token, now);
  const notice = token.userId !== caller.user.id ? adminRevokeNotice(token, caller.user, now) : undefined;
  await revoke(token, metaOf(caller), caller.user.id, now, undefined, null, { notice });
  return respond(await findAccessible(caller, id), now);
}

/** RFC 7009: whoever holds a (leaked) secret may revoke it; the caller learns nothing either way. */
export async function revokeBySecret(secret: string, meta: AuditMeta, now = new Date()): Promise<void> {
  if (!isWellFormedSecret(secret)) return;
  const token = await db.token.findUnique({ where: { secretHash: hashSecret(secret) }, select: { id: true, name: true, userId: true, revokedAt: true } });
  if (token && !token.revokedAt) await revoke(token, meta, null, now, { via: "revocation endpoint" });
}

/** A revoke with no person behind it (the unused-token policy, a leak report): the reason is
 * kept on the token and in the audit event. False when it was revoked already. */
export async function revokeBySystem(tokenId: string, reason: string, meta: AuditMeta, details: Record<string, unknown>, now = new Date(), extra: RevokeExtra = {}): Promise<boolean> {
  const token = await db.token.findUnique({ where: { id: tokenId }, select: { id: true, name: true, userId: true, revokedAt: true } });
  if (!token || token.revokedAt) return false;
  return revoke(token, meta, null, now, { ...details, reason }, reason, extra);
}

const CHANGED_MEANWHILE = "The token was revoked or regenerated while this request ran. Reload it and try again.";

/** A new secret and expiry; name, description and scopes stay. The old secret dies at once, or
 * after the grace period chosen by the call or set on the token (see replaceSecret).
 * A token another person (an admin) revoked stays revoked; the owner's own revoke, or one by the
 * secret's holder (RFC 7009, no person recorded), can be followed by a regenerate. */
export async function regenerateToken(caller: Caller, id: string, request: RegenerateInput, now = new Date()): Promise<TokenWithSecret> {
  // Never an admin for someone else: the new secret would be seen by another than its owner.
  const current = await findForOwner(caller, id, "regenerate");
  if (current.revokedAt && revokedByAnother(current.revokedById, current.userId)) throw conflict(REVOKED_BY_ANOTHER);
  const expiresAt = withinCallerToken(caller, current, await allowedExpiry(caller.user, request, now));
  // The list as the hot path enforces it: a stored empty list means any address.
  allowlistWithinCaller(caller, compileAllowlist(current.allowedIps)?.entries ?? null);
  return replaceSecret(caller, current, { expiresAt, graceSeconds: request.graceSeconds, action: "token.regenerate" }, now);
}

export type Replacement = { expiresAt: Date | null; graceSeconds?: number; action: "token.regenerate" | "token.rotate" };

/** The one secret change (regenerate and rotate): a conditional update on the secret as read, so
 * that of two changes at once one wins and the other gets 409; the replaced secret is recorded
 * in the same transaction (replaced-secrets.ts) for its grace period and reuse detection. */
export async function replaceSecret(caller: Caller, current: TokenRow, change: Replacement, now = new Date()): Promise<TokenWithSecret> {
  const minted = mintSecret(loadEnv().tokenPrefix);
  const grace = graceSecondsFor(change.graceSeconds, current.rotationGraceSeconds);
  const token = await db.$transaction(async (tx) => {
    // Only the row as read above: a revoke or another regenerate that landed in between wins
    // (else an admin's revoke could be undone, or two callers handed secrets of which one is dead).
    const { count } = await tx.token.updateMany({
      where: { id: current.id, secretHash: current.secretHash, revokedAt: current.revokedAt },
      data: {
        prefix: minted.displayPrefix,
        secretHash: minted.hash,
        expiresAt: change.expiresAt,
        revokedAt: null,
        revokedById: null,
        revokedReason: null,
        revokedDetails: null,
        lastUsedAt: null,
        lastUsedIp: null,
        secretIssuedAt: now,
      },
    });
    if (count === 0) throw conflict(CHANGED_MEANWHILE);
    const graceUntil = await recordReplaced(tx, current, grace, now);
    const row = await tx.token.findUniqueOrThrow({ where: { id: current.id }, include: withScopes });
    const details = { prefix: row.prefix, expiresAt: change.expiresAt?.toISOString() ?? null, ...(graceUntil && graceUntil > now ? { oldSecretWorksUntil: graceUntil.toISOString() } : {}) };
    await recordAudit(tx, metaOf(caller), tokenEvent(change.action, row, details));
    return row;
  });
  tokenCache.invalidateToken(current.id);
  forgetUse(current.id);
  return { token: await respond(token, now), secret: minted.secret };
}

export async function deleteToken(caller: Caller, id: string): Promise<void> {
  const token = await findAccessible(caller, id);
  await db.$transaction(async (tx) => {
    const { count } = await tx.token.deleteMany({ where: { id, userId: token.userId } });
    if (count === 0) throw notFound("Token");
    await recordAudit(tx, metaOf(caller), tokenEvent("token.delete", token));
  });
  tokenCache.invalidateToken(id);
}

export async function deleteAllTokens(caller: Caller): Promise<number> {
  const ownerId = caller.user.id;
  const count = await db.$transaction(async (tx) => {
    const { count } = await tx.token.deleteMany({ where: { userId: ownerId } });
    await recordAudit(tx, metaOf(caller), { action: "token.delete_all", targetType: "token", ownerId, details: { deleted: count } });
    return count;
  });
  tokenCache.invalidateUser(ownerId);
  return count;
}

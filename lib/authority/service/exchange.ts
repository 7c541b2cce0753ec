// RFC 8693 token exchange: a personal access token in, a short-lived signed JWT access token
// (RFC 9068) out, optionally narrowed to some of the token's permissions and aimed at some
// audiences. Services verify it offline with the keys at /.well-known/jwks.json.
//
// Claims: iss, sub (the owner's user id), aud, exp, iat, jti, scope, and client_id, which is the
// id of the personal access token it came from (the PAT is the client that asked). email only
// when the scope asks for it ("email").
import { SignJWT, jwtVerify, createLocalJWKSet, type JWTPayload } from "jose";
import { randomUUID } from "node:crypto";
import { ApiError, fromZodError } from "@/lib/errors";
import { exchangeSchema, grantTypeSchema } from "@/lib/schemas/oauth";
import { findEntity, getCatalog, type Catalog } from "@/lib/permissions/catalog";
import { effectivePermissions, isAllowed, type Permission } from "@/lib/permissions/check";
import { parseScopeLabel, scopeLabel } from "@/lib/permissions/format";
import type { Operation } from "@/lib/permissions/operations";
import { authenticate } from "@/lib/tokens/service/authenticate";
import { recordCall } from "@/lib/tokens/service/usage";
import { ALG, publicJwks, signingKey } from "./keys";
import { PAT_TOKEN_TYPE } from "@/lib/federation/constants";
import { ACCESS_TOKEN_TTL_SECONDS, ACCESS_TOKEN_TYPE, AUTHORITY, EMAIL_SCOPE } from "../metadata";


const includes = (list: readonly string[], value: string | undefined) => value !== undefined && list.includes(value);

/** "tokens:read channels:publish:news" -> permissions; anything not in the catalogue is invalid_scope. */
export function parseScope(catalog: Catalog, scope: string): Permission[] {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const { entity, operation, entityId } = parseScopeLabel(item);
      if (!findEntity(catalog, entity)?.operations.includes(operation as Operation)) {
        throw new ApiError("invalid_scope", `Not a permission: ${item.slice(0, 100)}`);
      }
      return { entity, operation: operation as Operation, entityId };
    });
}

/** RFC 8707 resource: an absolute URI without a fragment, else invalid_target. */
function checkResource(resource: string): string {
  if (!URL.canParse(resource) || resource.includes("#")) {
    throw new ApiError("invalid_target", `resource must be an absolute URI without a fragment: ${resource.slice(0, 100)}`);
  }
  return resource;
}

/** aud: every audience and resource asked for, or this issuer when none. */
function audienceOf(audience: string[], resource: string[], issuer: string): string | string[] {
  const all = [...new Set([...audience, ...resource.map(checkResource)])];
  if (all.length === 0) return issuer;
  return all.length === 1 ? all[0] : all;
}

/** The request, checked in RFC order: the grant type first, then the other parameters. */
export function parseExchangeRequest(body: unknown) {
  const grant = grantTypeSchema.safeParse(body);
  if (!grant.success) throw fromZodError(grant.error);
  if (!includes(AUTHORITY.grantTypes, grant.data.grant_type)) {
    throw new ApiError("unsupported_grant_type", `grant_type must be ${AUTHORITY.grantTypes.join(" or ")}`);
  }
  const parsed = exchangeSchema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error);
  const input = parsed.data;
  if (!includes(AUTHORITY.subjectTokenTypes, input.subject_token_type)) {
    throw new ApiError("invalid_request", `subject_token_type must be ${AUTHORITY.subjectTokenTypes.join(" or ")}`);
  }
  if (input.actor_token !== undefined && input.actor_token_type === undefined) {
    throw new ApiError("invalid_request", "actor_token_type is required with actor_token");
  }
  if (input.actor_token !== undefined || input.actor_token_type !== undefined) {
    throw new ApiError("invalid_request", "Delegation (actor_token) is not supported: exchange the token alone");
  }
  if (input.requested_token_type !== undefined && !includes(AUTHORITY.requestedTokenTypes, input.requested_token_type)) {
    throw new ApiError("invalid_request", `requested_token_type must be one of ${AUTHORITY.requestedTokenTypes.join(", ")}`);
  }
  return input;
}

/** Signs one of our access tokens (RFC 9068): the PAT exchange and the federated one share it. */
export async function signAccessToken(claims: { issuer: string; sub: string; aud: string | string[]; exp: number; now: number; extra: Record<string, unknown> }) {
  const key = await signingKey();
  return new SignJWT(claims.extra)
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: "at+jwt" })
    .setIssuer(claims.issuer)
    .setSubject(claims.sub)
    .setAudience(claims.aud)
    .setIssuedAt(claims.now)
    .setExpirationTime(claims.exp)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

/** The permissions (and email) a `scope` parameter asks for, each within what the caller holds;
 * all it holds when it asks for none. */
export function scopeWithin(asked: string | undefined, holds: (p: Permission) => boolean, all: () => Permission[], what: string) {
  const items = asked?.split(/\s+/).filter(Boolean);
  const wantsEmail = items?.includes(EMAIL_SCOPE) ?? false;
  let permissions: Permission[];
  if (items) {
    permissions = parseScope(getCatalog(), items.filter((s) => s !== EMAIL_SCOPE).join(" "));
    const denied = permissions.filter((p) => !holds(p));
    if (denied.length) throw new ApiError("invalid_scope", `${what} does not hold: ${denied.map(scopeLabel).join(" ")}`);
  } else {
    permissions = all();
  }
  return { permissions, wantsEmail, scope: [...permissions.map(scopeLabel), ...(wantsEmail ? [EMAIL_SCOPE] : [])].join(" ") };
}

export { audienceOf };

/** The PAT path of the exchange (the operation sends JWT subject tokens to lib/federation). */
export async function exchangeToken(input: ReturnType<typeof parseExchangeRequest>, issuer: string, ip: string | null) {
  if (input.subject_token_type !== ACCESS_TOKEN_TYPE) throw new ApiError("invalid_request", `subject_token_type must be ${ACCESS_TOKEN_TYPE} for a personal access token`);
  if (input.requested_token_type === PAT_TOKEN_TYPE) throw new ApiError("invalid_request", "A personal access token is handed out only for a federated subject token");
  const aud = audienceOf(input.audience, input.resource, issuer);
  // RFC 8693 2.2.2: a subject token that is not valid is invalid_request. The PAT is the caller
  // here: its allowlist applies, and a refused one counts against the address.
  const { principal, expiresAt: until } = await authenticate(input.subject_token, {
    ip,
    via: "exchange",
    refuse: () => new ApiError("invalid_request", "The subject token is not a valid personal access token"),
  });
  recordCall(principal.tokenId, ip);
  const catalog = getCatalog();
  const grant = { allPermissions: principal.allPermissions, scopes: principal.scopes };
  const { scope, wantsEmail } = scopeWithin(
    input.scope,
    (p) => isAllowed(catalog, principal.user.roles, grant, p),
    () => effectivePermissions(catalog, principal.user.roles, grant),
    "The token",
  );
  const now = Math.floor(Date.now() / 1000);
  // Never outlives what it came from: the PAT's expiry, or a replaced secret's grace period.
  const exp = until ? Math.min(now + ACCESS_TOKEN_TTL_SECONDS, Math.floor(until.getTime() / 1000)) : now + ACCESS_TOKEN_TTL_SECONDS;
  const accessToken = await signAccessToken({
    issuer,
    sub: principal.user.id,
    aud,
    exp,
    now,
    extra: { scope, client_id: principal.tokenId, ...(wantsEmail ? { email: principal.user.email } : {}) },
  });
  return {
    access_token: accessToken,
    issued_token_type: AUTHORITY.issuedTokenType,
    token_type: "Bearer",
    expires_in: exp - now,
    scope,
  };
}

/** Verifies the signature and claims of one of our access tokens; null when it is not one or has
 * expired. Whether it was revoked since is introspect's question (denylist, its PAT). */
export async function verifyAccessToken(jwt: string, issuer: string): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(await publicJwks()), { issuer, algorithms: [ALG], typ: "at+jwt" });
    return payload;
  } catch {
    return null;
  }
}

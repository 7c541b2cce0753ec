// RFC 8693 token exchange: a personal access token in, a short-lived signed JWT out,
// optionally narrowed to some of the token's permissions. Services verify it offline with
// the keys at /.well-known/jwks.json.
import { SignJWT, jwtVerify, createLocalJWKSet, type JWTPayload } from "jose";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/errors";
import type { ExchangeInput } from "@/lib/schemas/oauth";
import { findEntity, getCatalog, type Catalog } from "@/lib/permissions/catalog";
import { effectivePermissions, isAllowed, type Permission } from "@/lib/permissions/check";
import { scopeLabel, WILDCARD_ID } from "@/lib/permissions/format";
import type { Operation } from "@/lib/permissions/operations";
import { recordUse } from "@/lib/tokens/last-used";
import { checkToken } from "@/lib/tokens/verify";
import { ALG, publicJwks, signingKey } from "./keys";

export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
export const JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
export const ACCESS_TOKEN_TTL_SECONDS = 300;

type OAuthErrorCode = "invalid_request" | "invalid_grant" | "invalid_scope" | "unsupported_grant_type";
const oauthError = (code: OAuthErrorCode, message: string) => new ApiError(code, message);

/** "tokens:read channels:publish:news" -> permissions; anything not in the catalogue is invalid_scope. */
export function parseScope(catalog: Catalog, scope: string): Permission[] {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const [entity, operation, ...rest] = item.split(":");
      const entityId = rest.join(":");
      if (!findEntity(catalog, entity)?.operations.includes(operation as Operation)) {
        throw oauthError("invalid_scope", `Not a permission: ${item.slice(0, 100)}`);
      }
      return { entity, operation: operation as Operation, entityId: entityId && entityId !== WILDCARD_ID ? entityId : undefined };
    });
}


export async function exchangeToken(input: ExchangeInput, issuer: string, ip: string | null) {
  if (input.grant_type !== TOKEN_EXCHANGE) throw oauthError("unsupported_grant_type", `grant_type must be ${TOKEN_EXCHANGE}`);
  if (input.subject_token_type && input.subject_token_type !== ACCESS_TOKEN_TYPE) {
    throw oauthError("invalid_request", `subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
  }
  if (input.requested_token_type && ![ACCESS_TOKEN_TYPE, JWT_TOKEN_TYPE].includes(input.requested_token_type)) {
    throw oauthError("invalid_request", "requested_token_type must be an access token or a JWT");
  }
  const { principal } = await checkToken(input.subject_token);
  if (!principal) throw oauthError("invalid_grant", "The subject token is not a valid personal access token");
  recordUse(principal.tokenId, ip);
  const catalog = getCatalog();
  const grant = { allPermissions: principal.allPermissions, scopes: principal.scopes };
  let permissions: Permission[];
  if (input.scope) {
    permissions = parseScope(catalog, input.scope);
    const denied = permissions.filter((p) => !isAllowed(catalog, principal.user.roles, grant, p));
    if (denied.length) throw oauthError("invalid_scope", `The token does not hold: ${denied.map(scopeLabel).join(" ")}`);
  } else {
    permissions = effectivePermissions(catalog, principal.user.roles, grant);
  }
  const scope = permissions.map(scopeLabel).join(" ");
  const key = await signingKey();
  const now = Math.floor(Date.now() / 1000);
  const exp = principal.expiresAt ? Math.min(now + ACCESS_TOKEN_TTL_SECONDS, Math.floor(principal.expiresAt.getTime() / 1000)) : now + ACCESS_TOKEN_TTL_SECONDS;
  const accessToken = await new SignJWT({ scope, email: principal.user.email, pat_id: principal.tokenId })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: "at+jwt" })
    .setIssuer(issuer)
    .setSubject(principal.user.id)
    .setAudience(input.audience ?? issuer)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return {
    access_token: accessToken,
    issued_token_type: JWT_TOKEN_TYPE,
    token_type: "Bearer",
    expires_in: exp - now,
    scope,
  };
}

/** Verifies one of our exchanged access tokens; null when it is not one (or no longer valid). */
export async function verifyAccessToken(jwt: string, issuer: string): Promise<JWTPayload | null> {
  try {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(await publicJwks()), { issuer, algorithms: [ALG] });
    return payload;
  } catch {
    return null;
  }
}

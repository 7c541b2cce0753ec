// The federated path of the token exchange (RFC 8693 with a JWT subject token): a CI system's
// OIDC token, verified against its issuer's keys, matched against the federation policies, and
// exchanged for the usual short-lived access token of the policy's principal (or, where the
// policy allows and the client asks, a personal access token that expires within the policy's
// lifetime). Every outcome is audited with its reason; the client only learns "invalid_grant".
import { createHash } from "node:crypto";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { audienceOf, signAccessToken, scopeWithin, type parseExchangeRequest } from "@/lib/authority/service/exchange";
import { ACCESS_TOKEN_TTL_SECONDS, AUTHORITY } from "@/lib/authority/metadata";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { getCatalog } from "@/lib/permissions/catalog";
import { effectivePermissions, isAllowed, type TokenGrant } from "@/lib/permissions/check";
import { parseScopeLabel, WILDCARD_ID } from "@/lib/permissions/format";
import { parseRoles } from "@/lib/permissions/roles";
import { createToken } from "@/lib/tokens/service/create-token";
import { PAT_TOKEN_TYPE } from "../constants";
import { firstMatch } from "../match";
import { claimedIssuer, SKEW_SECONDS, verifySubjectJwt } from "../verify";
import { policiesOf, type StoredPolicy } from "./policies";

/** Expired jtis removed per accepted exchange. The table holds the jti of every subject JWT
 * accepted in the last MAX_SUBJECT_TOKEN_SECONDS (plus the skew) at most, since a longer-lived
 * one is refused; each accepted exchange removes up to this many expired rows, more than it adds. */
const PRUNE_BATCH = 100;

const refused = () => new ApiError("invalid_grant", "The subject token was not accepted");

type Input = ReturnType<typeof parseExchangeRequest>;

const jtiKey = (iss: string, jti: string) => createHash("sha256").update(`${iss} ${jti}`).digest("hex");

/** Records the jti; false when it was seen before (a replay), on any instance. */
async function firstUse(iss: string, jti: string, exp: number, now: Date): Promise<boolean> {
  const stale = await db.federationJti.findMany({ where: { expiresAt: { lt: now } }, select: { key: true }, take: PRUNE_BATCH });
  if (stale.length) await db.federationJti.deleteMany({ where: { key: { in: stale.map((s) => s.key) }, expiresAt: { lt: now } } });
  try {
    await db.federationJti.create({ data: { key: jtiKey(iss, jti), expiresAt: new Date((exp + SKEW_SECONDS) * 1000) } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** The policy's permissions as a token grant (its principal's roles still apply on top). */
const grantOf = (policy: StoredPolicy): TokenGrant => ({
  allPermissions: false,
  scopes: policy.scopes.map((label) => {
    const { entity, operation, entityId } = parseScopeLabel(label);
    return { entity, operation, entityId: entityId ?? WILDCARD_ID };
  }),
});

export async function exchangeFederated(input: Input, issuer: string, meta: AuditMeta) {
  const now = new Date();
  const audit = (outcome: "success" | "failure", details: Record<string, unknown>, policy?: StoredPolicy) =>
    recordAudit(db, meta, {
      action: "token.federated_exchange",
      targetType: "federation_policy",
      targetId: policy?.id ?? null,
      targetName: policy?.name ?? null,
      ownerId: policy?.principalId ?? null,
      outcome,
      details,
    });
  const refuse = async (reason: string, extra: Record<string, unknown> = {}, policy?: StoredPolicy): Promise<never> => {
    await audit("failure", { reason, ...extra }, policy);
    throw refused();
  };

  const iss = claimedIssuer(input.subject_token);
  if (!iss) return refuse("the subject token is not a JWT with an issuer");
  const policies = await policiesOf(iss);
  if (policies.length === 0) return refuse("no enabled policy trusts this issuer", { issuer: iss });
  const verified = await verifySubjectJwt(input.subject_token, iss, loadEnv().federation.loopbackIssuers, now);
  if (!verified.ok) return refuse(verified.reason, { issuer: iss });
  const claims = verified.claims;
  const who = { issuer: iss, subject: typeof claims.sub === "string" ? claims.sub.slice(0, 300) : null };
  const match = firstMatch(claims, policies);
  if ("reason" in match) return refuse(match.reason, who);
  const policy = match.policy;

  const principal = await db.user.findUnique({ where: { id: policy.principalId } });
  if (!principal || principal.disabled) return refuse("the policy's principal is missing or disabled", who, policy);
  const wantsPat = input.requested_token_type === PAT_TOKEN_TYPE;
  if (wantsPat && !policy.allowPat) return refuse("a personal access token was asked for, and the policy allows only JWTs", who, policy);
  if (!(await firstUse(iss, claims.jti, claims.exp, now))) return refuse("replayed jti", { ...who, jti: claims.jti.slice(0, 200) }, policy);

  const catalog = getCatalog();
  const roles = parseRoles(principal.roles);
  const grant = grantOf(policy);
  const { permissions, wantsEmail, scope } = scopeWithin(
    input.scope,
    (p) => isAllowed(catalog, roles, grant, p),
    () => effectivePermissions(catalog, roles, grant),
    "The federation policy",
  );
  const details = { ...who, jti: claims.jti.slice(0, 200), scope, issued: wantsPat ? "personal_access_token" : "jwt" };

  if (wantsPat) {
    if (wantsEmail) throw new ApiError("invalid_scope", "email is a claim of a JWT, not a permission of a personal access token");
    const created = await createToken(
      { user: { id: principal.id, kind: principal.kind, roles, email: principal.email }, token: null, audit: meta },
      {
        name: `Federated: ${policy.name}`.slice(0, 100),
        description: `Exchanged by ${who.subject ?? "a workload"} of ${iss} (federation policy ${policy.id})`.slice(0, 500),
        expiresAt: new Date(now.getTime() + policy.lifetimeMinutes * 60_000),
        scopes: permissions.map((p) => ({ entity: p.entity, operation: p.operation, entityId: p.entityId })),
      } as Parameters<typeof createToken>[1],
      now,
    );
    await audit("success", { ...details, tokenId: created.token.id }, policy);
    return {
      access_token: created.secret,
      issued_token_type: PAT_TOKEN_TYPE,
      token_type: "Bearer",
      expires_in: policy.lifetimeMinutes * 60,
      scope,
    };
  }

  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + Math.min(ACCESS_TOKEN_TTL_SECONDS, policy.lifetimeMinutes * 60);
  const accessToken = await signAccessToken({
    issuer,
    sub: principal.id,
    aud: audienceOf(input.audience, input.resource, issuer),
    exp,
    now: iat,
    extra: { scope, client_id: `federation:${policy.id}`, federation_policy: policy.id, ...(wantsEmail ? { email: principal.email } : {}) },
  });
  await audit("success", details, policy);
  return { access_token: accessToken, issued_token_type: AUTHORITY.issuedTokenType, token_type: "Bearer", expires_in: exp - iat, scope };
}

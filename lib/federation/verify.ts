// Verifies a subject JWT from a federated issuer: its signature against the issuer's keys, an
// algorithm from the allowlist (asymmetric only: never "none", never an HMAC whose "secret"
// would be the issuer's public key), iss, exp, nbf and iat with a small skew, a jti, and a
// lifetime we are willing to remember the jti for. The audience is the policy's question (match.ts).
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import { MAX_SUBJECT_TOKEN_SECONDS } from "./constants";
import { issuerKeys, IssuerUnavailable } from "./jwks";

export const ALLOWED_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"];
export const SKEW_SECONDS = 60;

export type SubjectClaims = JWTPayload & { iss: string; jti: string; exp: number };
export type Verified = { ok: true; claims: SubjectClaims } | { ok: false; reason: string };

/** The issuer the JWT claims, read before anything is verified (to find its policies), or null. */
export function claimedIssuer(jwt: string): string | null {
  try {
    const { iss } = decodeJwt(jwt);
    return typeof iss === "string" && iss.length <= 300 ? iss : null;
  } catch {
    return null;
  }
}

export async function verifySubjectJwt(jwt: string, issuer: string, allowLoopback: boolean, now = new Date()): Promise<Verified> {
  let header;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return { ok: false, reason: "not a JWT" };
  }
  if (typeof header.alg !== "string" || !ALLOWED_ALGORITHMS.includes(header.alg)) {
    return { ok: false, reason: `algorithm ${String(header.alg).slice(0, 20)} is not allowed` };
  }
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  let keys;
  try {
    keys = await issuerKeys(issuer, kid, allowLoopback, now.getTime());
  } catch (error) {
    if (error instanceof IssuerUnavailable) return { ok: false, reason: `issuer unavailable: ${error.message}` };
    throw error;
  }
  try {
    const { payload } = await jwtVerify(jwt, keys, {
      issuer,
      algorithms: ALLOWED_ALGORITHMS,
      clockTolerance: SKEW_SECONDS,
      currentDate: now,
      requiredClaims: ["exp", "iat", "jti"],
      // Also refuses an iat in the future (beyond the skew).
      maxTokenAge: MAX_SUBJECT_TOKEN_SECONDS,
    });
    if (typeof payload.jti !== "string" || !payload.jti || payload.jti.length > 200) return { ok: false, reason: "jti must be a string" };
    if (payload.exp! - Math.floor(now.getTime() / 1000) > MAX_SUBJECT_TOKEN_SECONDS) return { ok: false, reason: "expires too far in the future" };
    return { ok: true, claims: payload as SubjectClaims };
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, reason: `no key of the issuer matches kid ${String(kid).slice(0, 100)}` };
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
    if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: `claim ${error.claim}: ${error.reason} (${error.message})` };
    if (error instanceof errors.JOSEError) return { ok: false, reason: `${error.code}: ${error.message}`.slice(0, 300) };
    throw error;
  }
}

// OpenID Connect Back-Channel Logout 1.0 for the SSO provider (OIDC_*): the IdP posts a signed
// logout token and the person's console sessions end. Checked as section 2.6 says: signed (not
// "none") by a key of the IdP's JWKS (from its discovery document, cached by jose), iss the
// issuer, aud our client id, iat present and not in the future beyond a minute's skew, the
// events claim holding the back-channel logout event, a sub (a sid alone can't be mapped: the
// console keeps no IdP session ids), no nonce, and a jti not seen before (replay refused).
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { ApiError } from "@/lib/errors";
import { loadEnv } from "@/lib/env";
import { endSessionsBySubject } from "@/lib/users/service/backchannel-logout";

export const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
/** How long a logout token is kept for replay checks when it has no exp (section 2.4 makes it optional). */
const DEFAULT_LIFETIME_S = 10 * 60;
const SKEW_S = 60;

let jwks: { issuer: string; keys: Promise<ReturnType<typeof createRemoteJWKSet>> } | undefined;

function issuerKeys(issuer: string) {
  if (jwks?.issuer !== issuer) {
    const keys = fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) })
      .then((r) => (r.ok ? (r.json() as Promise<{ jwks_uri?: unknown }>) : Promise.reject(new Error(`discovery answered ${r.status}`))))
      .then((d) => {
        if (typeof d.jwks_uri !== "string") throw new Error("no jwks_uri");
        return createRemoteJWKSet(new URL(d.jwks_uri), { timeoutDuration: 5000 });
      });
    keys.catch(() => (jwks = undefined)); // a failed discovery is retried at the next logout
    jwks = { issuer, keys };
  }
  return jwks.keys;
}

const invalid = (message: string) => new ApiError("invalid_request", message);

export async function backChannelLogout(logoutToken: string, ip: string | null, now = new Date()): Promise<void> {
  const oidc = loadEnv().oidc;
  if (!oidc) throw new ApiError("not_found", "Single sign-on is not set up");
  let keys: ReturnType<typeof createRemoteJWKSet>;
  try {
    keys = await issuerKeys(oidc.issuer);
  } catch {
    throw new ApiError("service_unavailable", "The identity provider's keys could not be read", undefined, { "Retry-After": "5" });
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(logoutToken, keys, {
      issuer: oidc.issuer,
      audience: oidc.clientId,
      requiredClaims: ["iat", "jti"],
      currentDate: now,
      clockTolerance: SKEW_S,
      typ: undefined,
    }));
  } catch (error) {
    throw invalid(`The logout token is not valid: ${(error as { code?: string }).code ?? "verification failed"}`);
  }
  const events = payload.events as Record<string, unknown> | undefined;
  if (typeof events !== "object" || events === null || typeof events[LOGOUT_EVENT] !== "object" || events[LOGOUT_EVENT] === null) {
    throw invalid(`The logout token's events claim must hold ${LOGOUT_EVENT}`);
  }
  if ("nonce" in payload) throw invalid("A logout token must not have a nonce");
  if (typeof payload.iat === "number" && payload.iat > now.getTime() / 1000 + SKEW_S) throw invalid("The logout token was issued in the future");
  if (typeof payload.sub !== "string" || !payload.sub) throw invalid("The logout token must name the user (sub): sessions are not tracked by sid");
  const expiresAt = new Date(((typeof payload.exp === "number" ? payload.exp : (payload.iat ?? 0) + DEFAULT_LIFETIME_S) + SKEW_S) * 1000);
  const outcome = await endSessionsBySubject(payload.sub, String(payload.jti).slice(0, 200), expiresAt, ip, now);
  if (outcome === "replayed") throw invalid("This logout token was used already");
  // An unknown subject has no session here: done (section 2.8: the RP answers 200).
}

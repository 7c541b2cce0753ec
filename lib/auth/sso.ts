// OpenID Connect sign-in. At each SSO sign-in the user is created or updated with kind "sso"
// and the roles the IdP sends (between sign-ins, tokens act with these last known
// roles). Email and name may come in the ID token or only from the userinfo endpoint.
import type { OidcConfig } from "@/lib/env";
import { upsertSsoUser, type SsoProfile, type SsoRefusal } from "@/lib/users/service/upsert-sso-user";
import { z } from "zod";

export type { SsoProfile, SsoRefusal };
// The console user behind an SSO sign-in is written by the users service.
export { upsertSsoUser };

const ROLE = /^[a-z][a-z0-9_-]{0,31}$/;

/** Roles from a claim: a list, or one string separated by spaces or commas. */
export function rolesFromClaim(value: unknown): string[] | null {
  const raw = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[\s,]+/) : null;
  if (!raw) return null;
  const roles = raw.filter((r): r is string => typeof r === "string").map((r) => r.trim().toLowerCase()).filter((r) => ROLE.test(r));
  return roles.length ? [...new Set(roles)] : ["user"];
}

const claimsSchema = z.looseObject({
  sub: z.string().min(1),
  email: z.string().email().optional().catch(undefined),
  name: z.string().max(200).optional().catch(undefined),
  preferred_username: z.string().max(200).optional().catch(undefined),
});

let discovery: Promise<{ userinfo_endpoint?: string }> | undefined;

async function fetchUserinfo(config: OidcConfig, accessToken: string): Promise<Record<string, unknown> | null> {
  discovery ??= fetch(`${config.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) })
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));
  const endpoint = (await discovery).userinfo_endpoint;
  if (!endpoint) return null;
  const res = await fetch(endpoint, { headers: { Authorization: `Bearer ${accessToken}` }, signal: AbortSignal.timeout(5000) }).catch(() => null);
  return res?.ok ? ((await res.json().catch(() => null)) as Record<string, unknown> | null) : null;
}

/** next-auth's profile(): the ID token's claims, completed from userinfo when they lack email or name. */
export async function ssoProfile(config: OidcConfig, idClaims: Record<string, unknown>, accessToken: string | undefined): Promise<SsoProfile> {
  let claims = idClaims;
  if ((!idClaims.email || !idClaims.name) && accessToken) {
    const info = await fetchUserinfo(config, accessToken);
    // The spec: userinfo's sub must match the ID token's, or the answer must not be used.
    if (info && info.sub === idClaims.sub) claims = { ...info, ...stripEmpty(idClaims) };
  }
  const parsed = claimsSchema.parse(claims);
  return {
    id: parsed.sub,
    email: parsed.email?.toLowerCase(),
    name: parsed.name ?? parsed.preferred_username ?? parsed.email,
    roles: rolesFromClaim(claims[config.rolesClaim]),
  };
}

function stripEmpty(o: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

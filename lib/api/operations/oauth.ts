// The OAuth authority: token exchange (RFC 8693), introspection (RFC 7662), revocation
// (RFC 7009), the keys that verify exchanged JWTs, and the discovery documents. Errors in
// RFC 6749 shape.
import type { z } from "zod";
import { COMPONENTS } from "@/lib/api/components";
import { defineOperation } from "@/lib/api/operation";
import { clientSecretPostAsBasic } from "@/lib/authority/client-auth";
import { exchangeToken, parseExchangeRequest } from "@/lib/authority/service/exchange";
import { introspect } from "@/lib/authority/service/introspect";
import { publicJwks } from "@/lib/authority/service/keys";
import { DEVICE_CODE_GRANT } from "@/lib/device/constants";
import { pollDevice, startDeviceAuthorization } from "@/lib/device/service/device";
import { JWT_SUBJECT_TYPES, PAT_TOKEN_TYPE } from "@/lib/federation/constants";
import { exchangeFederated } from "@/lib/federation/service/exchange";
import { AUTHORITY, authorizationServerMetadata, JWKS_MAX_AGE_SECONDS, protectedResourceMetadata } from "@/lib/authority/metadata";
import { revokeAny } from "@/lib/authority/service/revoke";
import { publicOrigin } from "@/lib/http";
import { rateLimits } from "@/lib/rate-limit";
import { deviceAuthorizationSchema } from "@/lib/schemas/device";
import { backChannelLogoutSchema, exchangeSchema, oauthFieldsSchema, tokenBodySchema } from "@/lib/schemas/oauth";
import { backChannelLogout } from "@/lib/auth/backchannel-logout";

const NO_STORE = { "Cache-Control": "no-store" };

/** RFC 7662, for callers holding the introspection:read permission (admins, role "introspector"):
 * the PAT as client secret (client_secret_basic or client_secret_post), Bearer, X-Personal-Token,
 * or the console's session. */
export const introspectOp = defineOperation({
  method: "POST",
  path: AUTHORITY.paths.introspection,
  permission: "introspection:read",
  tag: "OAuth",
  summary: "Token introspection (RFC 7662)",
  description:
    "Form-encoded (or JSON). The caller's PAT is the client secret, its id (or nothing) the client_id: HTTP Basic (client_secret_basic), the form fields client_id and client_secret (client_secret_post), or Bearer. Errors in RFC 6749 shape.",
  errors: "oauth",
  input: { body: tokenBodySchema, form: true },
  example: { token: "$TOKEN" },
  responses: { 200: { description: "{ active: false } or the token's claims", schema: COMPONENTS.Introspection } },
  prepare: clientSecretPostAsBasic,
  before: ({ caller }) => rateLimits().limit("OAUTH", caller.ip),
  run: async ({ caller, input }) => ({ status: 200, body: await introspect(input.body.token, publicOrigin(), new Date(), caller.ip), headers: NO_STORE }),
});

const isJwtType = (type: string) => (JWT_SUBJECT_TYPES as readonly string[]).includes(type);

/** RFC 8693 token exchange: the subject_token is a personal access token, or a JWT of an issuer
 * that a federation policy trusts (lib/federation). */
export const exchangeOp = defineOperation({
  method: "POST",
  path: AUTHORITY.paths.token,
  permission: "public",
  tag: "OAuth",
  summary: "Token exchange (RFC 8693)",
  description:
    "Swap a PAT (subject_token) for a short-lived ES256 JWT access token (RFC 9068); or a CI system's OIDC token (subject_token_type urn:ietf:params:oauth:token-type:jwt or id_token) that a federation policy trusts, for a JWT of the policy's principal (or a PAT, requested_token_type " +
    PAT_TOKEN_TYPE +
    ", where the policy allows). A federated token that is not accepted is invalid_grant; the audit log says why. With grant_type " +
    DEVICE_CODE_GRANT +
    " (RFC 8628), a device_code and its client_id: authorization_pending, slow_down, expired_token, access_denied, or the approved person's new PAT. Form-encoded (or JSON); audience and resource may repeat.",
  errors: "oauth",
  // Read as plain fields: the exchange checks them itself, to answer each RFC 8693 error.
  input: { body: oauthFieldsSchema, documentedBody: exchangeSchema, form: true },
  example: {
    grant_type: AUTHORITY.grantTypes[0],
    subject_token: "$PAT",
    subject_token_type: AUTHORITY.subjectTokenTypes[0],
    scope: "tokens:read",
    audience: "my-service",
  },
  responses: { 200: { description: "The access token", schema: COMPONENTS.TokenExchange } },
  before: ({ ip }) => rateLimits().limit("OAUTH", ip),
  run: async ({ req, input, ip }) => {
    const meta = { actorId: null, actorEmail: null, ip, userAgent: req.headers.get("user-agent") };
    if (input.body.grant_type === DEVICE_CODE_GRANT) return { status: 200, body: await pollDevice(input.body, meta), headers: { ...NO_STORE, Pragma: "no-cache" } };
    const request = parseExchangeRequest(input.body);
    const answer = isJwtType(request.subject_token_type)
      ? await exchangeFederated(request, publicOrigin(), meta)
      : await exchangeToken(request, publicOrigin(), ip); // token_type is typed as a string there; the schema checks it
    return { status: 200, body: answer as z.input<typeof COMPONENTS.TokenExchange>, headers: { ...NO_STORE, Pragma: "no-cache" } };
  },
});

/** RFC 8628: a CLI asks to sign in; the person approves on /device. */
export const deviceAuthorizationOp = defineOperation({
  method: "POST",
  path: AUTHORITY.paths.deviceAuthorization,
  permission: "public",
  tag: "OAuth",
  summary: "Device authorization (RFC 8628)",
  description:
    "client_id (the client's name, shown to the person), scope (permissions, space-separated; none: all the person's) and expires_in (the token's lifetime, e.g. 30d). The person enters user_code at verification_uri; poll the token endpoint with grant_type urn:ietf:params:oauth:grant-type:device_code.",
  errors: "oauth",
  input: { body: oauthFieldsSchema, documentedBody: deviceAuthorizationSchema, form: true },
  example: { client_id: "pat-cli", scope: "tokens:read tokens:list", expires_in: "30d" },
  responses: { 200: { description: "The codes", schema: COMPONENTS.DeviceAuthorization } },
  before: ({ ip }) => rateLimits().limit("OAUTH", ip),
  run: async ({ input }) => ({ status: 200, body: await startDeviceAuthorization(input.body, publicOrigin()), headers: NO_STORE }),
});

/** RFC 7009: whoever holds a (leaked) token, PAT or exchanged JWT, can revoke it. 200 whether or not it existed. */
export const revokeOp = defineOperation({
  method: "POST",
  path: AUTHORITY.paths.revocation,
  permission: "public",
  tag: "OAuth",
  summary: "Token revocation (RFC 7009)",
  description: "Whoever holds a token (PAT or exchanged JWT) may revoke it. 200 whether or not it existed.",
  errors: "oauth",
  input: { body: tokenBodySchema, form: true },
  example: { token: "$TOKEN" },
  responses: { 200: { description: "Revoked (or unknown)" } },
  before: ({ ip }) => rateLimits().limit("OAUTH", ip),
  run: async ({ req, input, ip }) => {
    await revokeAny(input.body.token, publicOrigin(), { actorId: null, actorEmail: null, ip, userAgent: req.headers.get("user-agent") });
    return { status: 200, body: null, headers: NO_STORE };
  },
});

// jose's JWK leaves kty optional; a published key always has one (the schema checks it).
const jwks = async () => ({ status: 200, body: (await publicJwks()) as z.input<typeof COMPONENTS.Jwks>, headers: { "Cache-Control": `public, max-age=${JWKS_MAX_AGE_SECONDS}` } });

export const jwksOp = defineOperation({
  method: "GET",
  path: "/api/v1/oauth/jwks",
  permission: "public",
  tag: "OAuth",
  summary: "Keys that verify exchanged JWTs",
  responses: { 200: { description: "JSON Web Key Set", schema: COMPONENTS.Jwks } },
  run: jwks,
});

/** The same keys at the well-known address. */
export const wellKnownJwksOp = defineOperation({
  method: "GET",
  path: AUTHORITY.paths.jwks,
  permission: "public",
  tag: "Discovery",
  summary: "Keys that verify exchanged JWTs",
  responses: { 200: { description: "JSON Web Key Set", schema: COMPONENTS.Jwks } },
  run: jwks,
});

const DISCOVERY_CACHE = { "Cache-Control": "public, max-age=300" };

/** RFC 8414 discovery: built from the same description the endpoints follow (lib/authority/metadata.ts). */
export const authorizationServerMetadataOp = defineOperation({
  method: "GET",
  path: AUTHORITY.paths.authorizationServerMetadata,
  permission: "public",
  tag: "Discovery",
  summary: "Authorization server metadata (RFC 8414)",
  responses: { 200: { description: "The metadata", schema: COMPONENTS.AuthorizationServerMetadata } },
  run: async () => ({ status: 200, body: authorizationServerMetadata(publicOrigin()), headers: DISCOVERY_CACHE }),
});

/** RFC 9728 metadata of the console's API as a protected resource. */
export const protectedResourceMetadataOp = defineOperation({
  method: "GET",
  path: AUTHORITY.paths.protectedResourceMetadata,
  permission: "public",
  tag: "Discovery",
  summary: "Protected resource metadata (RFC 9728)",
  responses: { 200: { description: "The metadata", schema: COMPONENTS.ProtectedResourceMetadata } },
  run: async () => ({ status: 200, body: protectedResourceMetadata(publicOrigin()), headers: DISCOVERY_CACHE }),
});

/** OpenID Connect Back-Channel Logout 1.0: the SSO provider ends a person's console sessions. */
export const backChannelLogoutOp = defineOperation({
  method: "POST",
  path: "/api/v1/oauth/backchannel-logout",
  permission: "public",
  tag: "OAuth",
  summary: "Back-channel logout (OpenID Connect)",
  description:
    "Register this as the back-channel logout URI at the SSO provider. A signed logout token (form field logout_token) naming the user (sub) ends their console sessions; its signature, issuer, audience, events claim and jti (no replay) are checked.",
  errors: "oauth",
  input: { body: backChannelLogoutSchema, form: true },
  example: { logout_token: "$LOGOUT_TOKEN" },
  responses: { 200: { description: "The sessions are ended (or there were none)" } },
  before: ({ ip }) => rateLimits().limit("OAUTH", ip),
  run: async ({ input, ip }) => {
    await backChannelLogout(input.body.logout_token, ip);
    return { status: 200, body: null, headers: NO_STORE };
  },
});

/** The public ones (introspection needs a caller, like the rest of /api/v1). */
export const PUBLIC_OAUTH_OPERATIONS = [exchangeOp, deviceAuthorizationOp, revokeOp, backChannelLogoutOp, jwksOp, wellKnownJwksOp, authorizationServerMetadataOp, protectedResourceMetadataOp] as const;

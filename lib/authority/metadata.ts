// The one description of this authority: where its endpoints are, what they accept and issue.
// The endpoints read their rules from here (grant type, token types, client authentication) and
// the discovery documents (RFC 8414, RFC 9728) are built from it, so the two can't drift.

import { z } from "zod";
import { DEVICE_CODE_GRANT } from "@/lib/device/constants";
import { JWT_SUBJECT_TYPES, PAT_TOKEN_TYPE } from "@/lib/federation/constants";

export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
export const JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";

/** The scope value that asks for the owner's email in the exchanged JWT (personal data only when asked). */
export const EMAIL_SCOPE = "email";

/** How long an exchanged access token lives. */
export const ACCESS_TOKEN_TTL_SECONDS = 300;
/** How long a JWKS response may be cached; a new signing key is published at least this long before it signs. */
export const JWKS_MAX_AGE_SECONDS = 300;

export const AUTHORITY = {
  paths: {
    token: "/api/v1/oauth/token",
    introspection: "/api/v1/oauth/introspect",
    revocation: "/api/v1/oauth/revoke",
    deviceAuthorization: "/api/v1/oauth/device_authorization",
    jwks: "/.well-known/jwks.json",
    authorizationServerMetadata: "/.well-known/oauth-authorization-server",
    protectedResourceMetadata: "/.well-known/oauth-protected-resource",
    api: "/api/v1",
    /** The API reference people read (the console's /docs page). */
    documentation: "/docs",
  },
  /** The token exchange, and the device authorization grant (RFC 8628) for a CLI's sign-in. */
  grantTypes: [TOKEN_EXCHANGE, DEVICE_CODE_GRANT],
  /** RFC 8693: a personal access token, or a JWT (an OIDC token of a CI system) that a
   * federation policy trusts (lib/federation). */
  subjectTokenTypes: [ACCESS_TOKEN_TYPE, ...JWT_SUBJECT_TYPES],
  /** What may be asked for; a signed JWT access token (RFC 9068) is what comes out, or a PAT
   * for a federated subject token whose policy allows one. */
  requestedTokenTypes: [ACCESS_TOKEN_TYPE, JWT_TOKEN_TYPE, PAT_TOKEN_TYPE],
  issuedTokenType: JWT_TOKEN_TYPE,
  signingAlgorithms: ["ES256"],
  /** Client authentication per endpoint (RFC 8414 names). The token endpoint's client is the PAT
   * itself (subject_token); revocation is open to whoever holds the token (RFC 7009 section 2.1
   * lets a server accept unauthenticated revocation of a token one holds); introspection
   * needs a PAT with introspection:read as its client secret (client_id: the PAT's id or
   * empty): HTTP Basic (RFC 6749 section 2.3.1), form fields client_id and client_secret
   * (section 2.3.1's client_secret_post, lib/authority/client-auth.ts), or as a Bearer token
   * (RFC 8414 section 2 lets an access token type name an introspection auth method). The
   * introspection route reads this list: a method leaves both or neither. */
  authMethods: {
    token: ["none"],
    introspection: ["client_secret_basic", "client_secret_post", "Bearer"],
    revocation: ["none"],
  },
  /** RFC 6750 ways the console's API takes a PAT (plus X-Personal-Token, not a standard one). */
  bearerMethods: ["header"],
} as const;

const url = (issuer: string, path: string) => `${issuer}${path}`;

// The documents' shapes (the OpenAPI description, lib/openapi.ts, publishes them).
const uri = z.url();
const names = z.array(z.string()).readonly();
export const authorizationServerMetadataSchema = z.object({
  issuer: uri,
  token_endpoint: uri,
  token_endpoint_auth_methods_supported: names,
  introspection_endpoint: uri,
  introspection_endpoint_auth_methods_supported: names,
  revocation_endpoint: uri,
  revocation_endpoint_auth_methods_supported: names,
  device_authorization_endpoint: uri,
  jwks_uri: uri,
  grant_types_supported: names,
  response_types_supported: names,
  subject_token_types_supported: names,
  requested_token_types_supported: names,
  issued_token_types_supported: names,
  access_token_signing_alg_values_supported: names,
  service_documentation: uri,
});
export const protectedResourceMetadataSchema = z.object({
  resource: uri,
  authorization_servers: z.array(uri),
  jwks_uri: uri,
  bearer_methods_supported: names,
  resource_name: z.string(),
  resource_documentation: uri,
});

/** RFC 8414 authorization server metadata, at /.well-known/oauth-authorization-server. */
export function authorizationServerMetadata(issuer: string): z.infer<typeof authorizationServerMetadataSchema> {
  return {
    issuer,
    token_endpoint: url(issuer, AUTHORITY.paths.token),
    token_endpoint_auth_methods_supported: AUTHORITY.authMethods.token,
    introspection_endpoint: url(issuer, AUTHORITY.paths.introspection),
    introspection_endpoint_auth_methods_supported: AUTHORITY.authMethods.introspection,
    revocation_endpoint: url(issuer, AUTHORITY.paths.revocation),
    revocation_endpoint_auth_methods_supported: AUTHORITY.authMethods.revocation,
    device_authorization_endpoint: url(issuer, AUTHORITY.paths.deviceAuthorization),
    jwks_uri: url(issuer, AUTHORITY.paths.jwks),
    grant_types_supported: AUTHORITY.grantTypes,
    // No authorization endpoint: the grants are the token exchange and the device flow.
    response_types_supported: [],
    // Not registered names, said plainly for RFC 8693 clients.
    subject_token_types_supported: AUTHORITY.subjectTokenTypes,
    requested_token_types_supported: AUTHORITY.requestedTokenTypes,
    issued_token_types_supported: [AUTHORITY.issuedTokenType, PAT_TOKEN_TYPE],
    access_token_signing_alg_values_supported: AUTHORITY.signingAlgorithms,
    service_documentation: url(issuer, AUTHORITY.paths.documentation),
  };
}

/** RFC 9728 protected resource metadata for the console's API, at /.well-known/oauth-protected-resource. */
export function protectedResourceMetadata(issuer: string): z.infer<typeof protectedResourceMetadataSchema> {
  return {
    resource: issuer,
    authorization_servers: [issuer],
    jwks_uri: url(issuer, AUTHORITY.paths.jwks),
    bearer_methods_supported: AUTHORITY.bearerMethods,
    resource_name: "PAT console API",
    resource_documentation: url(issuer, AUTHORITY.paths.documentation),
  };
}

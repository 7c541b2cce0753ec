// The README's "For service developers" example, in oauth4webapi. tests/oauth-clients.test.ts
// runs this very file (with a fetch that calls the handlers in-process), so it stays true.
import * as oauth from "oauth4webapi";

/** How to reach the console: your own fetch, or plain http on a development machine. */
type Http = {
  [oauth.customFetch]?: (url: string, options: oauth.CustomFetchOptions<"GET" | "POST", URLSearchParams | undefined>) => Promise<Response>;
  [oauth.allowInsecureRequests]?: boolean;
};

// 1. Discover the console's endpoints (RFC 8414): issuer = the console's URL.
export async function discover(issuer: URL, http: Http = {}) {
  const response = await oauth.discoveryRequest(issuer, { ...http, algorithm: "oauth2" });
  return oauth.processDiscoveryResponse(issuer, response);
}

// 2. Swap a user's personal access token for a short-lived JWT aimed at your service (RFC 8693).
//    The PAT is the client; client_id is not checked at the token endpoint.
export async function exchange(as: oauth.AuthorizationServer, pat: string, audience: string, scope: string, http: Http = {}) {
  const client = { client_id: "my-service" };
  const response = await oauth.genericTokenEndpointRequest(as, client, oauth.None(), "urn:ietf:params:oauth:grant-type:token-exchange", {
    subject_token: pat,
    subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
    audience,
    scope,
  }, http);
  return oauth.processGenericTokenEndpointResponse(as, client, response);
}

// 3. In your service: validate the JWT of each request offline (RFC 9068), with the published keys.
export async function validate(as: oauth.AuthorizationServer, request: Request, audience: string, http: Http = {}) {
  return oauth.validateJwtAccessToken(as, request, audience, http);
}

// 4. Or ask the console whether a token is still active (RFC 7662): a service account's PAT with
//    introspection:read is the client secret, the PAT's id the client_id (HTTP Basic).
export async function introspect(as: oauth.AuthorizationServer, servicePatId: string, servicePat: string, token: string, http: Http = {}) {
  const client = { client_id: servicePatId };
  const response = await oauth.introspectionRequest(as, client, oauth.ClientSecretBasic(servicePat), token, http);
  return oauth.processIntrospectionResponse(as, client, response);
}

// 5. Revoke a token you hold, PAT or JWT (RFC 7009).
export async function revoke(as: oauth.AuthorizationServer, token: string, http: Http = {}) {
  const response = await oauth.revocationRequest(as, { client_id: "my-service" }, oauth.None(), token, http);
  await oauth.processRevocationResponse(response);
}

// A real OpenID Provider (oidc-provider, the certified Node implementation) on loopback, for
// the SSO tests. Any login is accepted; the login name decides the account:
//   "<name>"                 email <name>@sso.test, roles ["user"]
//   "admin-<name>"           roles ["admin", "user"]
//   "...userinfo..."         email and name only at the userinfo endpoint, not in the ID token
//   "...noemail..."          no email at all
// (both placements of email and name are allowed by the spec and both occur).
import Provider from "oidc-provider";
import { E2E_BASE_URL, E2E_IDP_ISSUER, E2E_IDP_PORT, E2E_OIDC_CLIENT } from "./constants.mjs";

const consoleUrl = process.env.CONSOLE_URL ?? E2E_BASE_URL;

function account(id) {
  const onlyUserinfo = id.includes("userinfo");
  const identity = id.includes("noemail") ? {} : { email: `${id}@sso.test`, email_verified: true, name: `SSO ${id}` };
  const roles = id.startsWith("admin-") ? ["admin", "user"] : ["user"];
  return {
    accountId: id,
    async claims(use) {
      const base = { sub: id, roles };
      return onlyUserinfo && use === "id_token" ? base : { ...base, ...identity };
    },
  };
}

const provider = new Provider(E2E_IDP_ISSUER, {
  clients: [
    {
      client_id: E2E_OIDC_CLIENT.id,
      client_secret: E2E_OIDC_CLIENT.secret,
      redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "roles"] },
  conformIdTokenClaims: false,
  findAccount: (_ctx, id) => account(id),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["e2e-idp-cookie-key"] },
});
provider.proxy = false;
provider.listen(E2E_IDP_PORT, "127.0.0.1", () => console.log(`Test IdP at ${E2E_IDP_ISSUER}`));

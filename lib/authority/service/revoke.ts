// RFC 7009 revocation: whoever holds a (leaked) token may revoke it, and learns nothing either
// way. A personal access token is revoked for good; an exchanged JWT is denied until its exp.
import type { AuditMeta } from "@/lib/audit/record";
import { revokeBySecret } from "@/lib/tokens/service/revoke-token";
import { revokeAccessToken } from "./denylist";

export const looksLikeJwt = (token: string) => token.split(".").length === 3;

export async function revokeAny(token: string, issuer: string, meta: AuditMeta): Promise<void> {
  if (looksLikeJwt(token)) await revokeAccessToken(token, issuer);
  else await revokeBySecret(token, meta);
}

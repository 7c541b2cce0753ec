// The one token check of a caller, for every path that takes a personal access token: withAuth
// (the API), introspection (the token asked about), the exchange (the subject token) and webhook
// deliveries. Each used to repeat it, and they had drifted (no address on some, no allowlist or
// no failure count on others).
//  - `refuse` given: the caller's address is counted (429 once past the failed-token limit,
//    before any lookup) and a refused token throws that error; without it (introspection) a
//    refused token answers null and nothing is counted.
//  - every path passes the client address; a reuse is recorded with it and with the path.
//  - the token's allowlist and last use apply when the token is the caller (not introspection).
import type { ApiError } from "@/lib/errors";
import { tokenCache, type CachedPrincipal } from "../cache";
import { principalExpiry, type CheckPath } from "../grace";
import { assertTokenNotLocked, refuseToken } from "../refusal";
import { assertIpAllowed } from "./ip-refusal";
import { recordUse } from "./last-use";
import { recordCheckRefusal } from "./usage";
import { checkToken, INVALID_TOKEN_MESSAGES, type InvalidTokenReason } from "./verify";

export type AuthenticateOptions = {
  ip: string | null;
  via: CheckPath;
  userAgent?: string | null;
  /** false: a replaced secret past its grace is refused without revoking the token (webhooks). */
  detectReuse?: boolean;
  /** Basic with a user name: it must be this token's id (its client_id). */
  clientId?: string;
  /** The error a refused token becomes (the address is counted); none: null, not counted. */
  refuse?: (reason: InvalidTokenReason, message: string) => ApiError;
  now?: Date;
};

/** `expiresAt`: until when it may act (a replaced secret: its grace end, if sooner).
 * `replaced`: the secret was replaced and is in its grace period. `hash`: of the secret sent. */
export type Authenticated = { principal: CachedPrincipal; hash: string; expiresAt: Date | null; replaced: boolean };

export async function authenticate(secret: string, options: AuthenticateOptions & { refuse: NonNullable<AuthenticateOptions["refuse"]> }): Promise<Authenticated>;
export async function authenticate(secret: string, options: AuthenticateOptions): Promise<Authenticated | null>;
export async function authenticate(secret: string, options: AuthenticateOptions): Promise<Authenticated | null> {
  const { ip, via, refuse } = options;
  if (refuse) assertTokenNotLocked(ip);
  const check = await checkToken(secret, options.now ?? new Date(), tokenCache, { ip, via, detectReuse: options.detectReuse });
  const refused = async (reason: InvalidTokenReason, message = INVALID_TOKEN_MESSAGES[reason]) => (refuse ? refuseToken(ip, refuse(reason, message)) : null);
  if (!check.principal) {
    // Usage counts refusals of the token that called (not of a token asked about).
    if (via !== "introspection") recordCheckRefusal(check);
    return refused(check.status);
  }
  const { principal } = check;
  if (options.clientId !== undefined && options.clientId !== principal.tokenId) return refused("unknown", "The Basic user name must be empty or the token's id");
  if (via !== "introspection") {
    await assertIpAllowed(principal, ip, options.userAgent ?? null);
    recordUse(principal.tokenId, ip);
  }
  return { principal, hash: check.hash, expiresAt: principalExpiry(principal), replaced: Boolean(principal.graceUntil) };
}

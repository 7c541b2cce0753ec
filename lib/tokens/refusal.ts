// Failed token authentications count against the caller's address (lib/rate-limit.ts): past
// the limit the answer is 429 with Retry-After, not another 401, wherever a token is checked.
import type { ApiError } from "@/lib/errors";
import { rateLimitedError, rateLimits } from "@/lib/rate-limit";

const WHAT = "failed token authentications";

/** An address past its failed-token limit gets 429 before any lookup. */
export function assertTokenNotLocked(ip: string | null): void {
  const wait = rateLimits().tokenLockedFor(ip);
  if (wait) throw rateLimitedError(wait, WHAT);
}

/** Counts a refused token against its address and throws `error`, or 429 once past the limit. */
export async function refuseToken(ip: string | null, error: ApiError): Promise<never> {
  const wait = await rateLimits().tokenFailed(ip);
  throw wait ? rateLimitedError(wait, WHAT) : error;
}

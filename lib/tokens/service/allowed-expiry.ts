// Policy checks shared by create, regenerate and rotate: who may mint a secret, and for how long.
import { ApiError, policyViolation } from "@/lib/errors";
import { decideExpiry, type ExpiryRequest } from "@/lib/policy/expiry";
import { canCreateTokens, getSettings } from "@/lib/policy/service";
import type { Caller } from "./caller";

export async function allowedExpiry(owner: Caller["user"], request: ExpiryRequest, now: Date): Promise<Date | null> {
  const settings = await getSettings();
  if (!canCreateTokens(owner, settings)) {
    throw policyViolation(
      settings.allowSsoPatCreation
        ? "SSO users need to be provisioned by the directory (SCIM) to have personal access tokens"
        : "An admin has turned off personal access tokens for SSO users",
    );
  }
  const decision = decideExpiry(request, settings.maxExpiration, now);
  if (!decision.ok) throw new ApiError(decision.code, decision.message);
  return decision.expiresAt;
}

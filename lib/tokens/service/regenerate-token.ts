// A new secret and expiry; name, description and scopes stay. The old secret dies at once, or
// after the grace period chosen by the call or set on the token (replace-secret.ts).
// A token another person (an admin) revoked stays revoked; the owner's own revoke, or one by the
// secret's holder (RFC 7009, no person recorded), can be followed by a regenerate.
import { conflict } from "@/lib/errors";
import type { RegenerateInput, TokenWithSecret } from "@/lib/schemas/token";
import { compileAllowlist } from "../ip-allowlist";
import { REVOKED_BY_ANOTHER, revokedByAnother } from "../regenerate-rule";
import { findForOwner } from "./access";
import { allowedExpiry } from "./allowed-expiry";
import type { Caller } from "./caller";
import { withinCaller } from "./caller-bounds";
import { replaceSecret } from "./replace-secret";

export async function regenerateToken(caller: Caller, id: string, request: RegenerateInput, now = new Date()): Promise<TokenWithSecret> {
  // Never an admin for someone else: the new secret would be seen by another than its owner.
  const current = await findForOwner(caller, id, "regenerate");
  if (current.revokedAt && revokedByAnother(current.revokedById, current.userId)) throw conflict(REVOKED_BY_ANOTHER);
  const asked = await allowedExpiry(caller.user, request, now);
  // The list as the hot path enforces it: a stored empty list means any address.
  const { expiresAt } = withinCaller(caller, { target: current, expiresAt: asked, allowedIps: compileAllowlist(current.allowedIps)?.entries ?? null });
  return replaceSecret(caller, current, { expiresAt, graceSeconds: request.graceSeconds, action: "token.regenerate" }, now);
}

// Name, description, grace period and allowlist of a token (the owner only). Through a token,
// the target must lie inside the caller (caller-bounds.ts), as for regenerate: a token scoped
// to tokens:update can't strip a stronger token's allowlist or lengthen its grace period.
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { UpdateTokenInput } from "@/lib/schemas/token";
import { tokenCache } from "../cache";
import { compileAllowlist } from "../ip-allowlist";
import { withScopes } from "../response";
import { respond } from "./respond";
import { findForOwner } from "./access";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";

export async function updateToken(caller: Caller, id: string, input: UpdateTokenInput) {
  const current = await findForOwner(caller, id, "edit");
  // The target as it stands must fit (its grant and, as the hot path enforces it, its
  // allowlist), and so must the list it gets.
  withinCaller(caller, { target: current, allowedIps: compileAllowlist(current.allowedIps)?.entries ?? null });
  const ips = input.allowedIps === undefined ? undefined : withinCaller(caller, { allowedIps: input.allowedIps }).allowedIps;
  const token = await db.$transaction(async (tx) => {
    const row = await tx.token.update({
      where: { id, userId: current.userId },
      data: {
        name: input.name,
        description: input.description === undefined ? undefined : input.description || null,
        rotationGraceSeconds: input.rotationGraceSeconds,
        allowedIps: ips === undefined ? undefined : ips ? JSON.stringify(ips) : null,
      },
      include: withScopes,
    });
    const details = { changed: Object.keys(input), ...(ips === undefined ? {} : { allowedIps: ips ?? [] }) };
    await recordAudit(tx, metaOf(caller), tokenEvent("token.update", row, details));
    return row;
  });
  // The cached principal carries the allowlist: a new list applies from the next call.
  if (ips !== undefined) tokenCache.invalidateToken(id);
  return respond(token);
}

// A new token of the caller's, within what the caller may hand out (caller-bounds.ts). The
// approval policy may hold it back: it is created pending, its secret shown once as usual, and
// refused (verify.ts) until an approver approves it (lib/tokens/service/approvals.ts); the
// approvers are mailed (approval-request.ts).
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { approvalReasons } from "@/lib/policy/approval";
import { sendSoon } from "@/lib/notices/service/queue";
import { getSettings } from "@/lib/policy/service";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { getCatalog } from "@/lib/permissions/catalog";
import { assertMayGrantAll, normalizeScopes } from "@/lib/permissions/validate";
import type { CreateTokenInput, ScopeInput, TokenWithSecret } from "@/lib/schemas/token";
import { mintSecret } from "../format";
import { withScopes } from "../response";
import { respond } from "./respond";
import { allowedExpiry } from "./allowed-expiry";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";
import { pendingFields, requestApproval } from "./approval-request";

export async function createToken(caller: Caller, input: CreateTokenInput, now = new Date()): Promise<TokenWithSecret> {
  const all = input.scopes === "all";
  if (all) assertMayGrantAll(caller.token);
  const scopes = all ? [] : normalizeScopes(getCatalog(), caller.user.roles, caller.token, input.scopes as ScopeInput[]);
  const asked = await allowedExpiry(caller.user, input, now);
  const { expiresAt, allowedIps } = withinCaller(caller, { target: { allPermissions: all, scopes }, expiresAt: asked, allowedIps: input.allowedIps });
  const settings = await getSettings();
  const heldBack = approvalReasons(settings, { expiresAt, allPermissions: all, scopes, serviceAccount: caller.user.kind === SERVICE_ACCOUNT_KIND }, now);
  const minted = mintSecret(loadEnv().tokenPrefix);
  const { token, noticeId } = await db.$transaction(async (tx) => {
    const row = await tx.token.create({
      data: {
        userId: caller.user.id,
        name: input.name,
        description: input.description || null,
        prefix: minted.displayPrefix,
        secretHash: minted.hash,
        allPermissions: all,
        createdAt: now,
        secretIssuedAt: now,
        expiresAt,
        rotationGraceSeconds: input.rotationGraceSeconds ?? null,
        allowedIps: allowedIps ? JSON.stringify(allowedIps) : null,
        ...(heldBack.length > 0 ? pendingFields(caller, heldBack, now) : {}),
        scopes: { create: scopes },
      },
      include: withScopes,
    });
    const details = { prefix: row.prefix, expiresAt: expiresAt?.toISOString() ?? null, scopes: all ? "all" : scopes, ...(allowedIps ? { allowedIps } : {}), ...(heldBack.length > 0 ? { approval: "pending", needsApprovalBecause: heldBack } : {}) };
    await recordAudit(tx, metaOf(caller), tokenEvent("token.create", row, details));
    return { token: row, noticeId: heldBack.length > 0 ? await requestApproval(tx, caller, row, settings.approvers, heldBack, now) : null };
  });
  if (noticeId) sendSoon(noticeId, now);
  return { token: await respond(token, now), secret: minted.secret };
}

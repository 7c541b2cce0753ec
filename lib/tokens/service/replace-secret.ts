// The one secret change (regenerate and rotate): a conditional update on the secret as read, so
// that of two changes at once one wins and the other gets 409; the replaced secret is recorded
// in the same transaction (replaced-secrets.ts) for its grace period and reuse detection.
// An approved token stays approved unless the new expiry gives it a longer life the approval
// policy holds back: then it waits for an approver again (approvalAfterReplace), and the
// approvers are mailed. A pending token keeps its wait; one that expired unapproved is not
// brought back (409: create a new one).
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { loadEnv } from "@/lib/env";
import { conflict } from "@/lib/errors";
import type { TokenWithSecret } from "@/lib/schemas/token";
import { tokenCache } from "../cache";
import { mintSecret } from "../format";
import { approvalAfterReplace, approvalReasons, pendingExpired, pendingSince, widensLifetime } from "@/lib/policy/approval";
import type { Approvers } from "@/lib/policy/constants";
import { sendSoon } from "@/lib/notices/service/queue";
import { getSettings } from "@/lib/policy/service";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { graceSecondsFor } from "../grace";
import { DENIED, EXPIRED_UNAPPROVED } from "../regenerate-rule";
import { forgetUse } from "./last-use";
import { recordReplaced } from "../replaced-secrets";
import { withScopes, type TokenRow } from "../response";
import { respond } from "./respond";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { pendingFields, requestApproval } from "./approval-request";

export type Replacement = { expiresAt: Date | null; graceSeconds?: number; action: "token.regenerate" | "token.rotate" };

const CHANGED_MEANWHILE = "The token was revoked or regenerated while this request ran. Reload it and try again.";

export async function replaceSecret(caller: Caller, current: TokenRow, change: Replacement, now = new Date()): Promise<TokenWithSecret> {
  const minted = mintSecret(loadEnv().tokenPrefix);
  const grace = graceSecondsFor(change.graceSeconds, current.rotationGraceSeconds);
  if (current.approvalStatus === "expired" || (current.approvalStatus === "pending" && pendingExpired(pendingSince(current), now))) {
    throw conflict(EXPIRED_UNAPPROVED);
  }
  // A denial is for good: a new secret would be refused as the old one is.
  if (current.approvalStatus === "denied") throw conflict(DENIED);
  const approval = await approvalOnReplace(current, change.expiresAt, now);
  const { token, noticeId } = await db.$transaction(async (tx) => {
    // Only the row as read: a revoke or another regenerate that landed in between wins (else an
    // admin's revoke could be undone, or two callers handed secrets of which one is dead).
    const { count } = await tx.token.updateMany({
      where: { id: current.id, secretHash: current.secretHash, revokedAt: current.revokedAt, revokedById: current.revokedById },
      data: {
        prefix: minted.displayPrefix,
        secretHash: minted.hash,
        expiresAt: change.expiresAt,
        revokedAt: null,
        revokedById: null,
        revokedReason: null,
        revokedDetails: null,
        lastUsedAt: null,
        lastUsedIp: null,
        secretIssuedAt: now,
        ...(approval.again ? pendingFields(caller, approval.reasons, now) : {}),
      },
    });
    if (count === 0) throw conflict(CHANGED_MEANWHILE);
    const graceUntil = await recordReplaced(tx, current, grace, now);
    const row = await tx.token.findUniqueOrThrow({ where: { id: current.id }, include: withScopes });
    const details = { prefix: row.prefix, expiresAt: change.expiresAt?.toISOString() ?? null, ...(graceUntil && graceUntil > now ? { oldSecretWorksUntil: graceUntil.toISOString() } : {}), ...(approval.again ? { approval: "pending", needsApprovalBecause: approval.reasons } : {}) };
    await recordAudit(tx, metaOf(caller), tokenEvent(change.action, row, details));
    return { token: row, noticeId: approval.again ? await requestApproval(tx, caller, row, approval.approvers, approval.reasons, now) : null };
  });
  await tokenCache.invalidateToken(current.id);
  if (noticeId) sendSoon(noticeId, now);
  forgetUse(current.id);
  return { token: await respond(token, now), secret: minted.secret };
}

/** `again`: the replacement widens an approved (or never held) token past the approval policy. */
async function approvalOnReplace(current: TokenRow, expiresAt: Date | null, now: Date): Promise<{ again: boolean; reasons: string[]; approvers: Approvers }> {
  const settings = await getSettings();
  const none = { again: false, reasons: [], approvers: settings.approvers };
  if (current.approvalStatus === "pending" || current.approvalStatus === "denied") return none;
  const widened = widensLifetime({ issuedAt: current.secretIssuedAt, expiresAt: current.expiresAt }, { issuedAt: now, expiresAt });
  if (!widened) return none;
  const scopes = current.allPermissions ? [] : current.scopes;
  const reasons = approvalReasons(settings, { expiresAt, allPermissions: current.allPermissions, scopes, serviceAccount: current.user.kind === SERVICE_ACCOUNT_KIND }, now);
  return { again: approvalAfterReplace(current.approvalStatus, widened, reasons.length > 0) === "pending", reasons, approvers: settings.approvers };
}

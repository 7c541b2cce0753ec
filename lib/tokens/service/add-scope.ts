// One more scope on a token (the owner only); through a token, only a scope the caller holds.
// A scope widens the grant: when the approval policy would hold back a new token with the
// resulting scopes, an approved (or never held) token goes back to pending. Its secret is then
// refused until an approver approves it again; the approvers are mailed, and every instance has
// dropped its cached entry before the answer says so. Pending, denied or expired stay as they are.
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { sendSoon } from "@/lib/notices/service/queue";
import { getCatalog } from "@/lib/permissions/catalog";
import { WILDCARD_ID } from "@/lib/permissions/format";
import { normalizeScopes } from "@/lib/permissions/validate";
import { approvalReasons, pendingSince, pendingUntil } from "@/lib/policy/approval";
import { getSettings } from "@/lib/policy/service";
import { APPROVAL_STATUSES, MAX_SCOPES, type ScopeAdded, type ScopeInput } from "@/lib/schemas/token";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { tokenCache } from "../cache";
import { withScopes, type TokenRow } from "../response";
import { findForOwner } from "./access";
import { pendingFields, requestApproval } from "./approval-request";
import { metaOf, tokenEvent, type Caller } from "./caller";
import { withinCaller } from "./caller-bounds";

type Scope = { entity: string; operation: string; entityId: string };

/** Why the token needs a new approval with `scope` added; none: it keeps its state. The lifetime
 * is the one it was given (counted from its secret's minting), as for a new token. */
function widenedPastPolicy(token: TokenRow, scope: Scope, policy: Parameters<typeof approvalReasons>[0]): string[] {
  if (token.approvalStatus !== null && token.approvalStatus !== "approved") return [];
  const ask = { expiresAt: token.expiresAt, allPermissions: false, scopes: [...token.scopes, scope], serviceAccount: token.user.kind === SERVICE_ACCOUNT_KIND };
  return approvalReasons(policy, ask, token.secretIssuedAt);
}

export async function addScope(caller: Caller, id: string, input: ScopeInput, now = new Date()): Promise<ScopeAdded> {
  withinCaller(caller, {}); // nothing handed out: only the replaced-secret rule applies
  const token = await findForOwner(caller, id, "change the scopes of");
  if (token.allPermissions) {
    throw conflict("This token has all permissions. Delete all its scopes first to select permissions one by one.");
  }
  const [scope] = normalizeScopes(getCatalog(), caller.user.roles, caller.token, [input]);
  const existing = token.scopes.find((s) => s.entity === scope.entity && s.operation === scope.operation && s.entityId === scope.entityId);
  if (existing) throw conflict("The token already has this scope");
  const full = () => conflict(`A token holds at most ${MAX_SCOPES} scopes. Delete one first.`);
  if (token.scopes.length >= MAX_SCOPES) throw full();
  const settings = await getSettings();
  const because = widenedPastPolicy(token, scope, settings);
  const { select } = withScopes.scopes;
  const { created, row, noticeId } = await db.$transaction(async (tx) => {
    // Counted again under the token row's lock (the no-op update takes it), so that adds at the
    // same moment count one after the other and can't pass the limit together.
    await tx.token.update({ where: { id }, data: { allPermissions: false } });
    if ((await tx.tokenScope.count({ where: { tokenId: id } })) >= MAX_SCOPES) throw full();
    const added = await tx.tokenScope.create({ data: { tokenId: id, ...scope }, select });
    await recordAudit(tx, metaOf(caller), tokenEvent("token.scope_add", token, { scope }));
    if (because.length === 0) return { created: added, row: token, noticeId: null };
    const asked = [`was given the scope ${scopeText(scope)}`, ...because];
    // Only from the state as read: a decision or regenerate in between wins.
    const { count } = await tx.token.updateMany({
      where: { id, approvalStatus: token.approvalStatus, secretHash: token.secretHash },
      data: pendingFields(caller, asked, now),
    });
    if (count === 0) throw conflict("The token changed while this request ran. Reload it and try again.");
    await recordAudit(tx, metaOf(caller), tokenEvent("token.approval_requested", token, { trigger: "scope_add", scope, needsApprovalBecause: because }));
    const pending = await tx.token.findUniqueOrThrow({ where: { id }, include: withScopes });
    return { created: added, row: pending, noticeId: await requestApproval(tx, caller, pending, settings.approvers, asked, now) };
  });
  // Awaited: every instance refuses the secret before the caller reads "pending".
  await tokenCache.invalidateToken(id);
  if (noticeId) sendSoon(noticeId, now);
  return { ...created, approval: approvalAfter(row, because) };
}

const scopeText = (s: Scope) => `${s.entity}:${s.operation}${s.entityId && s.entityId !== WILDCARD_ID ? ` (${s.entityId})` : ""}`;

function approvalAfter(row: TokenRow, because: string[]): ScopeAdded["approval"] {
  const status = APPROVAL_STATUSES.find((s) => s === row.approvalStatus);
  if (!status) return null;
  return { status, pendingUntil: status === "pending" ? pendingUntil(pendingSince(row)).toISOString() : null, needsApprovalBecause: because };
}

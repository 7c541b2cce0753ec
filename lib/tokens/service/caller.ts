// Who acts on a token (the owner with their roles today, the token they called with, where
// from) and the audit event every token action records.
import { systemMeta, type AuditEntry, type AuditMeta } from "@/lib/audit/record";
import type { TokenGrant } from "@/lib/permissions/check";

/** Who acts: the owner, with their roles today, the token they called with (if any), and
 * where from (for the audit log). */
export type Caller = {
  /** `provisioned`: the directory provisions them (SCIM), for the SSO policy. */
  user: { id: string; kind: string; roles: string[]; email?: string; provisioned?: boolean };
  /** `replaced`: the caller sent a replaced secret still in its grace period. `allowedIps`: the
   * token's allowlist (null: any address). */
  token: (TokenGrant & { expiresAt?: Date | null; replaced?: boolean; allowedIps?: readonly string[] | null }) | null;
  audit?: AuditMeta;
};

export const metaOf = (caller: Caller) => caller.audit ?? systemMeta(caller.user);

export const tokenEvent = (action: AuditEntry["action"], token: { id: string; name: string; userId: string }, details?: Record<string, unknown>): AuditEntry => ({
  action,
  targetType: "token",
  targetId: token.id,
  targetName: token.name,
  ownerId: token.userId,
  details,
});

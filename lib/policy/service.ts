// The admin policy, read fresh from the database where it is needed (token creation), so a
// change applies at once on every instance. No row yet means the defaults.
import { parseStringList } from "@/lib/utils/string-list";
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { ApprovalPolicy } from "./approval";
import { APPROVAL_DAYS_CHOICES, APPROVER_CHOICES, type ApprovalDays } from "./constants";
import { EXPIRATION_CHOICES, type ExpirationChoice } from "./expiry";
import { UNUSED_DAYS_CHOICES, type UnusedDays } from "./unused";

export type PolicySettings = {
  maxExpiration: ExpirationChoice;
  allowSsoPatCreation: boolean;
  /** With allowSsoPatCreation: only while the directory provisions them (SCIM). */
  ssoPatsNeedDirectory: boolean;
  /** Revoke tokens not used for this many days. */
  unusedTokenDays: UnusedDays;
  /** Revoke tokens never used this many days after their creation. */
  neverUsedTokenDays: UnusedDays;
} & ApprovalPolicy;

export const DEFAULT_SETTINGS: PolicySettings = { maxExpiration: "never", allowSsoPatCreation: true, ssoPatsNeedDirectory: false, unusedTokenDays: "off", neverUsedTokenDays: "off",
  approvalLongerThanDays: "off",
  approvalNoExpiry: false,
  approvalScopes: [],
  approvalServiceAccounts: false,
  approvers: "admins",
};

const toChoice = (days: number): UnusedDays => UNUSED_DAYS_CHOICES.find((c) => c === days) ?? "off";
const toColumn = (choice: UnusedDays | ApprovalDays) => (choice === "off" ? 0 : choice);
const toApprovalDays = (days: number): ApprovalDays => APPROVAL_DAYS_CHOICES.find((c) => c === days) ?? "off";


export async function getSettings(): Promise<PolicySettings> {
  const row = await db.settings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_SETTINGS;
  const max = EXPIRATION_CHOICES.find((c) => c === row.maxExpiration) ?? DEFAULT_SETTINGS.maxExpiration;
  return {
    maxExpiration: max,
    allowSsoPatCreation: row.allowSsoPatCreation,
    ssoPatsNeedDirectory: row.ssoPatsNeedDirectory,
    unusedTokenDays: toChoice(row.unusedTokenDays),
    neverUsedTokenDays: toChoice(row.neverUsedTokenDays),
    approvalLongerThanDays: toApprovalDays(row.approvalLongerThanDays),
    approvalNoExpiry: row.approvalNoExpiry,
    approvalScopes: parseStringList(row.approvalScopes),
    approvalServiceAccounts: row.approvalServiceAccounts,
    approvers: APPROVER_CHOICES.find((c) => c === row.approvers) ?? "admins",
  };
}

/** Whether this user may create tokens: admins may switch token creation off for SSO users, or
 * allow it only while the directory provisions them (`provisioned`; their existing tokens then
 * stop too, lib/tokens/service/verify.ts). */
export const canCreateTokens = (user: { kind: string; provisioned?: boolean }, settings: PolicySettings) =>
  user.kind !== "sso" || (settings.allowSsoPatCreation && (!settings.ssoPatsNeedDirectory || user.provisioned === true));

/** The unused-token fields may be left out (older clients): they keep their value. */
export type SettingsUpdate = Pick<PolicySettings, "maxExpiration" | "allowSsoPatCreation"> & Partial<PolicySettings>;

/** Whether SSO users' tokens work only while the directory provisions them: read with each cached
 * token lookup, so a change of it must empty every instance's token cache (the caller's part:
 * `onDirectoryRuleChange`, since the policy sits below the tokens). */
export const needsDirectory = (s: PolicySettings) => s.allowSsoPatCreation && s.ssoPatsNeedDirectory;

export async function updateSettings(meta: AuditMeta, input: SettingsUpdate, { onDirectoryRuleChange }: { onDirectoryRuleChange?: () => Promise<void> } = {}): Promise<PolicySettings> {
  const before = await getSettings();
  const after: PolicySettings = { ...before, ...input };
  const row = {
    maxExpiration: after.maxExpiration,
    allowSsoPatCreation: after.allowSsoPatCreation,
    ssoPatsNeedDirectory: after.ssoPatsNeedDirectory,
    unusedTokenDays: toColumn(after.unusedTokenDays),
    neverUsedTokenDays: toColumn(after.neverUsedTokenDays),
    approvalLongerThanDays: toColumn(after.approvalLongerThanDays),
    approvalNoExpiry: after.approvalNoExpiry,
    approvalScopes: after.approvalScopes.length > 0 ? JSON.stringify([...new Set(after.approvalScopes)]) : null,
    approvalServiceAccounts: after.approvalServiceAccounts,
    approvers: after.approvers,
  };
  await db.$transaction(async (tx) => {
    await tx.settings.upsert({ where: { id: 1 }, create: { id: 1, ...row }, update: row });
    await recordAudit(tx, meta, { action: "settings.update", targetType: "settings", targetName: "Admin settings", details: { before, after } });
  });
  if (needsDirectory(before) !== needsDirectory(after)) await onDirectoryRuleChange?.();
  return getSettings();
}

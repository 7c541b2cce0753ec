// The admin policy, read fresh from the database where it is needed (token creation), so a
// change applies at once on every instance. No row yet means the defaults.
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
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
};

export const DEFAULT_SETTINGS: PolicySettings = { maxExpiration: "never", allowSsoPatCreation: true, ssoPatsNeedDirectory: false, unusedTokenDays: "off", neverUsedTokenDays: "off" };

const toChoice = (days: number): UnusedDays => UNUSED_DAYS_CHOICES.find((c) => c === days) ?? "off";
const toColumn = (choice: UnusedDays) => (choice === "off" ? 0 : choice);

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
  };
}

/** Whether this user may create tokens: admins may switch token creation off for SSO users, or
 * allow it only while the directory provisions them (`provisioned`; their existing tokens then
 * stop too, lib/tokens/service/verify.ts). */
export const canCreateTokens = (user: { kind: string; provisioned?: boolean }, settings: PolicySettings) =>
  user.kind !== "sso" || (settings.allowSsoPatCreation && (!settings.ssoPatsNeedDirectory || user.provisioned === true));

/** The unused-token fields may be left out (older clients): they keep their value. */
export type SettingsUpdate = Omit<PolicySettings, "unusedTokenDays" | "neverUsedTokenDays" | "ssoPatsNeedDirectory"> & Partial<PolicySettings>;

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
  };
  await db.$transaction(async (tx) => {
    await tx.settings.upsert({ where: { id: 1 }, create: { id: 1, ...row }, update: row });
    await recordAudit(tx, meta, { action: "settings.update", targetType: "settings", targetName: "Admin settings", details: { before, after } });
  });
  if (needsDirectory(before) !== needsDirectory(after)) await onDirectoryRuleChange?.();
  return getSettings();
}

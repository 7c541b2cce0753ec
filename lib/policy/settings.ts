// The admin policy, read fresh from the database where it is needed (token creation), so a
// change applies at once on every instance. No row yet means the defaults.
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { EXPIRATION_CHOICES, type ExpirationChoice } from "./expiry";

export type PolicySettings = { maxExpiration: ExpirationChoice; allowSsoPatCreation: boolean };

export const DEFAULT_SETTINGS: PolicySettings = { maxExpiration: "never", allowSsoPatCreation: true };

export async function getSettings(): Promise<PolicySettings> {
  const row = await db.settings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULT_SETTINGS;
  const max = EXPIRATION_CHOICES.find((c) => c === row.maxExpiration) ?? DEFAULT_SETTINGS.maxExpiration;
  return { maxExpiration: max, allowSsoPatCreation: row.allowSsoPatCreation };
}

/** Seed 000: admins may switch token creation off for SSO users. */
export const canCreateTokens = (user: { kind: string }, settings: PolicySettings) =>
  user.kind !== "sso" || settings.allowSsoPatCreation;

export async function updateSettings(meta: AuditMeta, input: PolicySettings): Promise<PolicySettings> {
  const before = await getSettings();
  await db.$transaction(async (tx) => {
    await tx.settings.upsert({ where: { id: 1 }, create: { id: 1, ...input }, update: input });
    await recordAudit(tx, meta, { action: "settings.update", targetType: "settings", targetName: "Admin settings", details: { before, after: input } });
  });
  return getSettings();
}

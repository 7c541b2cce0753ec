// The admin policy's change, with what it means for tokens already cached: whether SSO users'
// tokens need the directory is read with each cached lookup (principal.ts), so a change of that
// rule empties the token cache of every instance before the answer.
import type { AuditMeta } from "@/lib/audit/record";
import { getSettings, ssoTokensNeedDirectory, updateSettings, type PolicySettings, type SettingsUpdate } from "@/lib/policy/service";
import { tokenCache } from "../cache";

export async function updatePolicy(meta: AuditMeta, input: SettingsUpdate): Promise<PolicySettings> {
  const before = await getSettings();
  const after = await updateSettings(meta, input);
  if (ssoTokensNeedDirectory(before) !== ssoTokensNeedDirectory(after)) await tokenCache.clearEverywhere();
  return after;
}

import { z } from "zod";
import { APPROVAL_DAYS_CHOICES, APPROVER_CHOICES, EXPIRATION_CHOICES, UNUSED_DAYS_CHOICES } from "@/lib/policy/constants";

const unusedDays = (field: string) =>
  z.literal(UNUSED_DAYS_CHOICES, { error: `${field} must be one of "off", ${UNUSED_DAYS_CHOICES.slice(1).join(", ")}` }).optional();

export const settingsSchema = z
  .object({
    maxExpiration: z.enum(EXPIRATION_CHOICES, { error: `maxExpiration must be one of ${EXPIRATION_CHOICES.join(", ")}` }),
    allowSsoPatCreation: z.boolean({ error: "allowSsoPatCreation must be true or false" }),
    /** Left out: kept as it is. */
    ssoPatsNeedDirectory: z.boolean({ error: "ssoPatsNeedDirectory must be true or false" }).optional(),
    unusedTokenDays: unusedDays("unusedTokenDays"),
    neverUsedTokenDays: unusedDays("neverUsedTokenDays"),
    // The approval policy; each left out: kept as it is.
    approvalLongerThanDays: z
      .literal(APPROVAL_DAYS_CHOICES, { error: `approvalLongerThanDays must be one of "off", ${APPROVAL_DAYS_CHOICES.slice(1).join(", ")}` })
      .optional(),
    approvalNoExpiry: z.boolean({ error: "approvalNoExpiry must be true or false" }).optional(),
    approvalScopes: z
      .array(z.string().regex(/^[a-z][a-z0-9_-]{0,39}(:[a-z]+)?$/, 'approvalScopes entries look like "channels" or "channels:publish"'), { error: "approvalScopes must be a list" })
      .max(50, "approvalScopes holds at most 50 entries")
      .optional(),
    approvalServiceAccounts: z.boolean({ error: "approvalServiceAccounts must be true or false" }).optional(),
    approvers: z.enum(APPROVER_CHOICES, { error: `approvers must be one of ${APPROVER_CHOICES.join(", ")}` }).optional(),
  })
  .strict();
export type SettingsInput = z.infer<typeof settingsSchema>;

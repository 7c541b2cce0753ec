import { z } from "zod";
import { EXPIRATION_CHOICES, UNUSED_DAYS_CHOICES } from "@/lib/policy/constants";

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
  })
  .strict();
export type SettingsInput = z.infer<typeof settingsSchema>;

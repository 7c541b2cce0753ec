import { z } from "zod";
import { EXPIRATION_CHOICES } from "@/lib/policy/expiry";

export const settingsSchema = z
  .object({
    maxExpiration: z.enum(EXPIRATION_CHOICES, { error: `maxExpiration must be one of ${EXPIRATION_CHOICES.join(", ")}` }),
    allowSsoPatCreation: z.boolean({ error: "allowSsoPatCreation must be true or false" }),
  })
  .strict();
export type SettingsInput = z.infer<typeof settingsSchema>;

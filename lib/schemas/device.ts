// RFC 8628 device authorization: the client's request, and the /device page's calls.
import { z } from "zod";
import { USER_CODE_ALPHABET, USER_CODE_LENGTH } from "@/lib/device/constants";
import { EXPIRATION_CHOICES } from "@/lib/policy/constants";
import { VISIBLE_TEXT, visibleTextMessage } from "./common";

export const deviceAuthorizationSchema = z.object({
  client_id: z
    .string({ error: "client_id is required" })
    .trim()
    .min(1, "client_id is required")
    .max(60, "client_id must be at most 60 characters")
    .regex(VISIBLE_TEXT, visibleTextMessage("client_id")),
  scope: z.string().max(2000).optional(),
  /** How long the token should live, one of the console's expiration choices (default 30d). */
  expires_in: z.enum(EXPIRATION_CHOICES, { error: `expires_in must be one of ${EXPIRATION_CHOICES.join(", ")}` }).default("30d"),
});

export const devicePollSchema = z.object({
  grant_type: z.string(),
  device_code: z.string({ error: "device_code is required" }).min(1, "device_code is required").max(200),
  client_id: z.string({ error: "client_id is required" }).min(1, "client_id is required").max(60),
});

const codeChars = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);
/** What a person types: any case, dashes and spaces ignored. */
export const userCodeSchema = z
  .string({ error: "Enter the code" })
  .max(40, "That is not a code shown by a device")
  .transform((v) => v.toUpperCase().replace(/[\s-]/g, ""))
  .refine((v) => codeChars.test(v), "That is not a code shown by a device (8 letters, like BCDF-GHJK)");

export const deviceLookupSchema = z.object({ user_code: userCodeSchema }).strict();
export const deviceDecisionSchema = z.object({ user_code: userCodeSchema, approve: z.boolean({ error: "approve must be true or false" }) }).strict();

export const devicePendingSchema = z.object({
  clientId: z.string(),
  /** The permissions asked for, or "all" (all the person's permissions). */
  scopes: z.union([z.literal("all"), z.array(z.string())]),
  expiresIn: z.enum(EXPIRATION_CHOICES),
  expiresAt: z.iso.datetime(),
});
export const deviceDecisionResponseSchema = z.object({ status: z.enum(["approved", "denied"]) });

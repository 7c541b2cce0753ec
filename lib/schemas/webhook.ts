import { z } from "zod";
import { VISIBLE_TEXT, visibleTextMessage } from "./common";

export const WEBHOOK_AUTH_METHODS = ["token", "none"] as const;

const path = z
  .string({ error: "Endpoint path is required" })
  .trim()
  .min(1, "Endpoint path is required")
  .max(100, "Endpoint path must be at most 100 characters")
  .regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/, "Endpoint path: lowercase letters, digits, - and _, in segments separated by /");

// No defaults here: an update must not put them back (the create schema adds them).
const base = z.object({
  title: z.string({ error: "Title is required" }).trim().min(1, "Title is required").max(100, "Title must be at most 100 characters").regex(VISIBLE_TEXT, visibleTextMessage("Title")),
  enabled: z.boolean({ error: "enabled must be true or false" }),
  path,
  authMethod: z.enum(WEBHOOK_AUTH_METHODS, { error: "authMethod must be token or none" }),
  /** The personal access token callers will present (Token Authentication). */
  secretToken: z.string().trim().min(1).max(512),
  retention: z.coerce.number({ error: "Request retention must be a number" }).int().min(1, "Keep at least 1 request").max(10_000, "Keep at most 10,000 requests"),
});

/** The fields with their defaults (the edit dialog uses it when the token is kept). */
export const webhookFieldsSchema = base
  .extend({
    enabled: base.shape.enabled.default(true),
    authMethod: base.shape.authMethod.default("token"),
    secretToken: base.shape.secretToken.optional(),
    retention: base.shape.retention.default(100),
  })
  .strict();

export const createWebhookSchema = webhookFieldsSchema.refine((w) => w.authMethod !== "token" || w.secretToken, {
  message: "Token Authentication needs a secret token",
  path: ["secretToken"],
});

export const updateWebhookSchema = base
  .partial()
  .strict()
  .refine((w) => Object.keys(w).length > 0, { message: "Nothing to update" });

export const webhookResponseSchema = z.object({
  id: z.string(),
  title: z.string(),
  enabled: z.boolean(),
  path: z.string(),
  url: z.string(),
  authMethod: z.enum(WEBHOOK_AUTH_METHODS),
  tokenPrefix: z.string().nullable(),
  retention: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  requestCount: z.number().int().optional(),
});
export type WebhookResponse = z.infer<typeof webhookResponseSchema>;

export const webhookRequestResponseSchema = z.object({
  id: z.string(),
  receivedAt: z.iso.datetime(),
  method: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  ip: z.string().nullable(),
});
export type WebhookRequestResponse = z.infer<typeof webhookRequestResponseSchema>;

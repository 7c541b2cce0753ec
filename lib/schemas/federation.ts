// Federation policies: what an admin sends and what the API answers.
import { z } from "zod";
import { MAX_CONDITIONS } from "@/lib/federation/constants";
import { VISIBLE_TEXT, visibleTextMessage } from "./common";

export const CONDITION_MATCHES = ["exact", "glob"] as const;

export const conditionSchema = z
  .object({
    claim: z.string({ error: "Claim is required" }).trim().regex(/^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$/, "Claim: a claim name such as repository or ref"),
    match: z.enum(CONDITION_MATCHES, { error: "match must be exact or glob" }),
    value: z.string({ error: "Value is required" }).min(1, "Value is required").max(500, "Value must be at most 500 characters"),
  })
  .strict();
export type Condition = z.infer<typeof conditionSchema>;

const issuer = z
  .string({ error: "Issuer is required" })
  .trim()
  .max(300, "Issuer must be at most 300 characters")
  .refine((v) => URL.canParse(v) && ["https:", "http:"].includes(new URL(v).protocol), "Issuer must be an https URL")
  .refine((v) => URL.canParse(v) && !new URL(v).search && !new URL(v).hash && !new URL(v).username, "Issuer must be a plain URL (no query, fragment or credentials)")
  .transform((v) => v.replace(/\/+$/, ""));

const scope = z.string().regex(/^[a-z][a-z0-9_-]{0,39}:[a-z]+(:[^\s:]{1,100})?$/, 'Scopes look like "tokens:read" or "channels:publish:news"');

const base = z.object({
  name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters").regex(VISIBLE_TEXT, visibleTextMessage("Name")),
  enabled: z.boolean({ error: "enabled must be true or false" }),
  issuer,
  audience: z.string({ error: "Audience is required" }).trim().min(1, "Audience is required").max(200, "Audience must be at most 200 characters").regex(/^[\x21-\x7e]+$/, "Audience must be a plain identifier or URL"),
  conditions: z
    .array(conditionSchema, { error: "conditions must be a list" })
    .max(MAX_CONDITIONS, `At most ${MAX_CONDITIONS} conditions`)
    // An issuer such as GitHub's signs tokens for every repository there: a policy must pin one.
    .refine((c) => c.some((x) => x.match === "exact" && !/[*?]/.test(x.value)), "Add at least one exact condition (e.g. repository == acme/app): the issuer signs tokens for everyone on it"),
  principalId: z.string({ error: "Principal is required" }).min(1, "Principal is required").max(100),
  scopes: z.array(scope).min(1, "Grant at least one permission").max(50, "At most 50 permissions"),
  lifetimeMinutes: z.coerce.number({ error: "Lifetime must be a number of minutes" }).int("Lifetime must be whole minutes").min(1, "Lifetime: at least 1 minute").max(1440, "Lifetime: at most 1440 minutes"),
  allowPat: z.boolean({ error: "allowPat must be true or false" }),
});

export const createFederationPolicySchema = base.extend({ enabled: base.shape.enabled.default(true), allowPat: base.shape.allowPat.default(false) }).strict();
export type CreateFederationPolicy = z.output<typeof createFederationPolicySchema>;

export const updateFederationPolicySchema = base
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: "Nothing to update" });
export type UpdateFederationPolicy = z.output<typeof updateFederationPolicySchema>;

export const federationPolicyResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  issuer: z.string(),
  audience: z.string(),
  conditions: z.array(conditionSchema),
  principal: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() }),
  scopes: z.array(z.string()),
  lifetimeMinutes: z.number().int(),
  allowPat: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FederationPolicyResponse = z.infer<typeof federationPolicyResponseSchema>;
export const federationPolicyListSchema = z.object({ policies: z.array(federationPolicyResponseSchema), maxLifetimeMinutes: z.number().int() });

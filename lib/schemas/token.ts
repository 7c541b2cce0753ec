import { z } from "zod";
import { OPERATIONS } from "@/lib/permissions/constants";
import { EXPIRATION_CHOICES } from "@/lib/policy/constants";
import { MAX_ALLOWED_IPS, MAX_GRACE_SECONDS } from "@/lib/tokens/limits";
import { VISIBLE_TEXT, visibleTextMessage } from "./common";
import { normalizeAllowEntry } from "./ip-address";

export const TOKEN_STATUSES = ["active", "expired", "revoked"] as const;
export const EXPIRING_FILTERS = ["7d"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export const tokenName = z
  .string({ error: "Token name is required" })
  .trim()
  .min(1, "Token name is required")
  .max(100, "Token name must be at most 100 characters")
  .regex(VISIBLE_TEXT, visibleTextMessage("Token name"));
export const tokenDescription = z
  .string()
  .trim()
  .max(500, "Description must be at most 500 characters")
  .regex(VISIBLE_TEXT, visibleTextMessage("Description"));

const expiresIn = z.enum(EXPIRATION_CHOICES, {
  error: `Expiration must be one of ${EXPIRATION_CHOICES.join(", ")}`,
});
const expiresAt = z.iso
  .datetime({ offset: true, error: "Expiration date must be an ISO 8601 date and time, e.g. 2030-01-31T23:59:59Z" })
  .transform((s) => new Date(s));

const expiryFields = { expiresIn: expiresIn.optional(), expiresAt: expiresAt.optional() };
type ExpiryRule = [(v: { expiresIn?: unknown; expiresAt?: unknown }) => boolean, { message: string; path: string[] }];
/** The expiry rule, written once: expiresIn (a preset) or expiresAt (a custom date), never both;
 * `required`: one of them must be sent (create, regenerate), else it may be left out (rotate). */
const expiryRule = (required: boolean): ExpiryRule => [
  (v) => (v.expiresIn === undefined || v.expiresAt === undefined) && (!required || v.expiresIn !== undefined || v.expiresAt !== undefined),
  { message: required ? "Choose an expiration: send expiresIn or expiresAt (one of them)" : "Send expiresIn or expiresAt, not both", path: ["expiresIn"] },
];
const oneExpiry = expiryRule(true);

export const expirySchema = z.object(expiryFields).strict().refine(...oneExpiry);

/** How long a replaced secret keeps working, in seconds (lib/tokens/grace.ts). */
export const graceSeconds = z
  .number({ error: "The grace period must be a number of seconds" })
  .int("The grace period must be a whole number of seconds")
  .min(0, "The grace period can't be negative")
  .max(MAX_GRACE_SECONDS, `The grace period is at most 24 hours (${MAX_GRACE_SECONDS} seconds)`);

/** Regenerate: an expiry as for create, and optionally a grace period for the old secret. */
export const regenerateSchema = z
  .object({ ...expiryFields, graceSeconds: graceSeconds.optional() })
  .strict()
  .refine(...oneExpiry);
export type RegenerateInput = z.output<typeof regenerateSchema>;

/** Self-rotation: every field optional (the body itself may be left out); one expiry at most.
 * Left out, the new secret lives as long as the current one did (lib/tokens/rotation.ts). */
export const rotateSchema = z
  .object({ ...expiryFields, graceSeconds: graceSeconds.optional() })
  .strict()
  .refine(...expiryRule(false));
export type RotateInput = z.output<typeof rotateSchema>;

export const scopeSchema = z
  .object({
    entity: z.string({ error: "entity is required" }).regex(/^[a-z][a-z0-9_-]{0,39}$/, "entity must be an entity type, e.g. tokens"),
    operation: z.enum(OPERATIONS, { error: `operation must be one of ${OPERATIONS.join(", ")}` }),
    entityId: z
      .string()
      .trim()
      .max(100, "Entity id must be at most 100 characters")
      .regex(/^(\*|[A-Za-z0-9_.:@-]+)?$/, "Entity id may hold letters, digits and _ . : @ - (or * for all)")
      .optional(),
  })
  .strict();
export type ScopeInput = z.infer<typeof scopeSchema>;

/** A token holds at most this many scopes, however they were added. */
export const MAX_SCOPES = 100;
const scopeList = z.array(scopeSchema).min(1, 'Select at least one permission, or use "all"').max(MAX_SCOPES, `At most ${MAX_SCOPES} scopes`);

/** "all", or a list whose element errors are reported as such (a plain union would hide them). */
export const scopesSchema = z.unknown().transform((value, ctx): "all" | ScopeInput[] => {
  if (value === "all") return "all";
  if (!Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: 'scopes must be "all" or a list of { entity, operation, entityId? }' });
    return z.NEVER;
  }
  const parsed = scopeList.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});

/** One allowlist entry, normalised (./ip-address.ts); junk is named in the error. */
const allowEntry = z.string({ error: "Each allowedIps entry must be a string" }).transform((value, ctx) => {
  const entry = normalizeAllowEntry(value);
  if (entry) return entry;
  ctx.addIssue({ code: "custom", message: `"${value.slice(0, 64)}" is not an IP address or CIDR range (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32)` });
  return z.NEVER;
});

/** Addresses and CIDR ranges allowed to use the token; null or [] means any address. */
export const allowedIpsSchema = z
  .array(allowEntry, { error: "allowedIps must be a list of IP addresses or CIDR ranges, or null" })
  .max(MAX_ALLOWED_IPS, `allowedIps holds at most ${MAX_ALLOWED_IPS} addresses or ranges`)
  .nullable()
  .transform((list) => (list && list.length ? [...new Set(list)] : null));

export const createTokenSchema = z
  .object({
    name: tokenName,
    description: tokenDescription.nullish(),
    ...expiryFields,
    // Optional ("all"); the default also tells the OpenAPI document so.
    scopes: z.preprocess((v) => v ?? "all", scopesSchema).default("all"),
    rotationGraceSeconds: graceSeconds.nullish(),
    allowedIps: allowedIpsSchema.optional(),
  })
  .strict()
  .refine(...oneExpiry);
export type CreateTokenInput = z.output<typeof createTokenSchema>;

export const updateTokenSchema = z
  .object({ name: tokenName, description: tokenDescription.nullable(), rotationGraceSeconds: graceSeconds.nullable(), allowedIps: allowedIpsSchema })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update: send name, description, rotationGraceSeconds or allowedIps" });
export type UpdateTokenInput = z.output<typeof updateTokenSchema>;

export const listTokensQuery = z
  .object({
    status: z.enum(TOKEN_STATUSES, { error: "status must be active, expired or revoked" }).optional(),
    cursor: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/, "Invalid cursor").optional(),
    limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(100).default(50),
    all: z.enum(["true", "false"], { error: "all must be true or false" }).transform((v) => v === "true").optional(),
    owner: z.string().trim().min(1).max(254).regex(/^[A-Za-z0-9_@.+-]+$/, "owner must be a user id or email").optional(),
    /** Active tokens that expire within 7 days (the Access Tokens page's banner links here). */
    expiring: z.enum(EXPIRING_FILTERS, { error: "expiring must be 7d" }).optional(),
  })
  .strict();

// Responses, as zod schemas so the OpenAPI document (lib/openapi.ts) describes exactly these types.
const isoDateTime = z.iso.datetime();
const personRef = z.object({ id: z.string(), email: z.string(), name: z.string() });

export const scopeResponseSchema = z.object({ id: z.string(), entity: z.string(), operation: z.string(), entityId: z.string() });
export type ScopeResponse = z.infer<typeof scopeResponseSchema>;

/** A held-back token's state: "expired" is a pending one past its wait, never approved. */
export const APPROVAL_STATUSES = ["pending", "approved", "denied", "expired"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** A scope just added, and the token's approval after it: "pending" with why when the new scope
 * made the approval policy hold the token back again (its secret is refused until approved). */
export const scopeAddedSchema = scopeResponseSchema.extend({
  approval: z
    .object({ status: z.enum(APPROVAL_STATUSES), pendingUntil: isoDateTime.nullable(), needsApprovalBecause: z.array(z.string()) })
    .nullable(),
});
export type ScopeAdded = z.infer<typeof scopeAddedSchema>;

export const tokenResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  /** The secret's first characters, to recognise it; never the secret. */
  prefix: z.string(),
  status: z.enum(TOKEN_STATUSES),
  scopes: z.union([z.literal("all"), z.array(scopeResponseSchema)]),
  createdAt: isoDateTime,
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  lastUsedAt: isoDateTime.nullable(),
  lastUsedIp: z.string().nullable(),
  /** kind "service": a service account's token (the tables say "service account: <name>"). */
  owner: personRef.extend({ kind: z.string() }),
  revokedBy: personRef.nullable(),
  /** Why a revoke with no person behind it happened, e.g. "revoked by policy: not used for 90 days". */
  revokedReason: z.string().nullable(),
  /** Where and when, for a revoke with particulars: a replaced secret used again (revokedReason "secret_reuse"). */
  revokedDetails: z.object({ ip: z.string().nullable(), at: isoDateTime }).nullable(),
  /** Grace period (seconds) of the old secret after a rotation or regenerate, when the call doesn't choose; null: none. */
  rotationGraceSeconds: z.number().int().nullable(),
  /** Addresses and CIDR ranges allowed to use the token; empty: any address. */
  allowedIps: z.array(z.string()),
  /** The approval policy's hold on the token (null: it needed none). pending: refused until an
   * approver approves, until pendingUntil (then "expired"); denied: refused for good. */
  approval: z
    .object({
      status: z.enum(APPROVAL_STATUSES),
      reason: z.string().nullable(),
      decidedBy: personRef.nullable(),
      decidedAt: isoDateTime.nullable(),
      pendingUntil: isoDateTime.nullable(),
      /** Who asked (the owner, or a service account's manager; null: the system or unknown) and when. */
      requestedBy: personRef.nullable(),
      requestedAt: isoDateTime.nullable(),
      /** Why the policy held it back when asked ("never expires", "holds tokens:delete"). */
      because: z.array(z.string()),
    })
    .nullable(),
  /** GET /api/v1/tokens/:id only: the webhook endpoints bound to the token's secret (its senders need the new one after a regenerate). */
  webhooks: z.array(z.object({ id: z.string(), title: z.string(), path: z.string() })).optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** The only answers that carry a secret: create, regenerate and rotate. */
export const tokenWithSecretSchema = z.object({ token: tokenResponseSchema, secret: z.string() });
export type TokenWithSecret = z.infer<typeof tokenWithSecretSchema>;

export const tokenListSchema = z.object({ tokens: z.array(tokenResponseSchema), nextCursor: z.string().nullable() });
/** GET /api/v1/tokens/:id/usage */
export const usageQuery = z
  .object({
    days: z.coerce
      .number({ error: "days must be a number from 1 to 90" })
      .int("days must be a whole number from 1 to 90")
      .min(1, "days must be a number from 1 to 90")
      .max(90, "days must be a number from 1 to 90")
      .default(30),
  })
  .strict();

const refusalCounts = z.object({ expired: z.number().int(), revoked: z.number().int(), ip: z.number().int(), scope: z.number().int() });
export const usageResponseSchema = z.object({
  /** Every UTC day of the range, oldest first, zeros included. */
  days: z.array(z.object({ day: z.iso.date(), calls: z.number().int(), refused: refusalCounts })),
  /** The most recently seen client addresses (at most 5), newest first. */
  addresses: z.array(z.object({ ip: z.string(), firstSeenAt: isoDateTime, lastSeenAt: isoDateTime, calls: z.number().int() })),
  totals: z.object({ calls: z.number().int(), refused: refusalCounts }),
});
export type UsageResponse = z.infer<typeof usageResponseSchema>;

export const scopeListSchema = z.object({ allPermissions: z.boolean(), scopes: z.array(scopeResponseSchema) });

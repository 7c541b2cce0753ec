// Service accounts: principals that are not people (a deploy bot, a CI job). They hold roles
// and own tokens like a user, can't sign in, and their tokens are managed by their managers.
import { z } from "zod";

/** A short handle, shown as "service account: deploy-bot". */
export const serviceAccountName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name must be at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "Names are lowercase letters, digits, '.', '-' or '_' (e.g. deploy-bot)");

const role = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "Roles are lowercase words (letters, digits, - or _)");
const roles = z.array(role).min(1, "Give at least one role").max(20, "At most 20 roles");
const managerEmail = z
  .string()
  .trim()
  .max(254, "Email is too long")
  .pipe(z.email({ message: "Managers are given by email address" }))
  .transform((e) => e.toLowerCase());
/** The people who manage the account's tokens, by email (at most 20). */
const managers = z.array(managerEmail).max(20, "At most 20 managers");

export const createServiceAccountSchema = z
  .object({ name: serviceAccountName, roles: roles.default(["user"]), managers: managers.default([]) })
  .strict();
export type CreateServiceAccountInput = z.output<typeof createServiceAccountSchema>;

export const updateServiceAccountSchema = z
  .object({ name: serviceAccountName, roles, disabled: z.boolean(), managers })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to update: send name, roles, disabled or managers" });
export type UpdateServiceAccountInput = z.output<typeof updateServiceAccountSchema>;

const manager = z.object({ id: z.string(), email: z.string(), name: z.string(), disabled: z.boolean() });

export const serviceAccountResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  managers: z.array(manager),
  /** No manager left who is not disabled: only admins can manage its tokens now. */
  needsManager: z.boolean(),
  /** Tokens that are neither revoked nor expired. */
  activeTokens: z.number().int(),
});
export type ServiceAccountResponse = z.infer<typeof serviceAccountResponseSchema>;

export const serviceAccountListSchema = z.object({ serviceAccounts: z.array(serviceAccountResponseSchema) });

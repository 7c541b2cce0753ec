// The admin's side of SCIM (the settings page): the group -> role mapping and the overview.
// (The SCIM protocol's own bodies are read in lib/scim/resources.ts and patch.ts.)
import { z } from "zod";

const role = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "Roles are lowercase words (letters, digits, - or _)");

export const groupRoleMappingSchema = z
  .object({
    group: z.string().trim().min(1, "Name the directory group").max(200, "At most 200 characters"),
    roles: z.array(role).min(1, "Give at least one role").max(20),
  })
  .strict();
export type GroupRoleMapping = z.infer<typeof groupRoleMappingSchema>;

export const groupRolesSchema = z.object({ mappings: z.array(groupRoleMappingSchema).max(100, "At most 100 mappings") }).strict();

const nullableDate = z.iso.datetime().nullable();

export const scimOverviewSchema = z.object({
  status: z.object({ lastRequestAt: nullableDate, requests: z.number().int(), errors: z.number().int(), lastErrorAt: nullableDate, lastError: z.string().nullable() }),
  users: z.number().int(),
  groups: z.number().int(),
  tokens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      prefix: z.string(),
      createdAt: z.iso.datetime(),
      expiresAt: nullableDate,
      revokedAt: nullableDate,
      lastUsedAt: nullableDate,
      owner: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    }),
  ),
  groupRoles: z.array(groupRoleMappingSchema),
  /** The policy's longest token lifetime: a new directory token gets it (no expiry when "never"). */
  maxExpiration: z.string(),
});
export type ScimOverview = z.output<typeof scimOverviewSchema>;

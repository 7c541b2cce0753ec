// One factory for every query key, so a mutation invalidates exactly what it changes.
// Keys are arrays from the general to the particular: invalidating a prefix covers the rest.

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export const serviceAccountKeys = {
  all: ["service-accounts"] as const,
  list: () => [...serviceAccountKeys.all, "list"] as const,
  detail: (id: string) => [...serviceAccountKeys.all, "detail", id] as const,
};

export const tokenKeys = {
  all: ["tokens"] as const,
  lists: () => [...tokenKeys.all, "list"] as const,
  list: (filters: Record<string, string | undefined>) => [...tokenKeys.lists(), filters] as const,
  details: () => [...tokenKeys.all, "detail"] as const,
  detail: (id: string) => [...tokenKeys.details(), id] as const,
  /** Under the detail: whatever refreshes the token refreshes its usage. */
  usage: (id: string, days: number) => [...tokenKeys.detail(id), "usage", days] as const,
};

/** The admin log ("all") and the profile feed ("me") never share a cache entry. */
export type AuditScope = "all" | "me";

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  // The time zone is part of the key: the same calendar days are other instants elsewhere.
  list: (scope: AuditScope, filters: object, timeZone: string | null) => [...auditKeys.lists(), scope, filters, timeZone] as const,
};

export const webhookKeys = {
  all: ["webhooks"] as const,
  list: () => [...webhookKeys.all, "list"] as const,
  detail: (id: string) => [...webhookKeys.all, "detail", id] as const,
  requests: (id: string) => [...webhookKeys.all, "requests", id] as const,
};

export const federationKeys = {
  all: ["federation"] as const,
  list: () => [...federationKeys.all, "list"] as const,
};

export const permissionKeys = {
  catalog: () => ["permissions", "catalog"] as const,
};

export const settingsKeys = {
  admin: () => ["admin", "settings"] as const,
  signingKeys: () => ["admin", "signing-keys"] as const,
  /** The unused-token policy's dry run: it follows the settings, so saving them refreshes it. */
  unusedTokens: () => ["admin", "settings", "unused-tokens"] as const,
};

export const scimKeys = {
  overview: () => ["admin", "scim"] as const,
};

export const approvalKeys = {
  all: ["approvals"] as const,
  list: () => [...approvalKeys.all, "list"] as const,
};

// Query keys of the audit log, so the admin log and the profile feed never share a cache entry.
import type { AuditFilters } from "./audit-filters";

export type AuditScope = "all" | "me";

export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (scope: AuditScope, filters: AuditFilters, timeZone: string | null) => [...auditKeys.lists(), scope, filters, timeZone] as const,
};

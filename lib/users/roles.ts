// Moved to lib/permissions/roles.ts, below both users and tokens (which check roles); kept for
// its importers.
export { ADMIN_ROLE, formatRoles, isAdmin, parseRoles } from "@/lib/permissions/roles";

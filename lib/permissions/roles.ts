// Roles are stored as one comma-separated column; these two keep that detail here.
export const ADMIN_ROLE = "admin";

export const parseRoles = (value: string): string[] => value.split(",").map((r) => r.trim()).filter(Boolean);
export const formatRoles = (roles: readonly string[]): string => [...new Set(roles)].join(",");
export const isAdmin = (roles: readonly string[]) => roles.includes(ADMIN_ROLE);
/** Decides on tokens the approval policy holds back, when the policy names this role. */
export const APPROVER_ROLE = "approver";

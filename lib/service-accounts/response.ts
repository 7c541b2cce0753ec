// A service account as the API returns it: its managers, whether it is left without an active
// one (flagged to admins), and how many of its tokens are active.
import type { ServiceAccountResponse } from "@/lib/schemas/service-account";
import { parseRoles } from "@/lib/permissions/roles";

export type AccountRow = {
  id: string;
  name: string;
  roles: string;
  disabled: boolean;
  createdAt: Date;
  managers: { user: { id: string; email: string; name: string; disabled: boolean } }[];
  _count: { tokens: number };
};

export function toServiceAccountResponse(row: AccountRow): ServiceAccountResponse {
  const managers = row.managers.map((m) => m.user).sort((a, b) => a.email.localeCompare(b.email));
  return {
    id: row.id,
    name: row.name,
    roles: parseRoles(row.roles),
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    managers,
    needsManager: !managers.some((m) => !m.disabled),
    activeTokens: row._count.tokens,
  };
}

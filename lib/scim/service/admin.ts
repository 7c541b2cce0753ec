// The SCIM settings page's data: the directory's status (last request, counts, last error),
// its tokens, and the admin's mapping of directory groups to console roles. Changing the
// mapping recomputes the roles of everyone in the groups it names, at once (tokens narrow or
// widen with their owner's roles) on every instance.
import { recordAudit, type AuditMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { badRequest } from "@/lib/errors";
import { getCatalog } from "@/lib/permissions/catalog";
import { getSettings } from "@/lib/policy/service";
import type { GroupRoleMapping, ScimOverview } from "@/lib/schemas/scim";
import { tokenCache } from "@/lib/tokens/cache";
import { listDirectoryTokens } from "./directory";
import { recomputeRoles } from "./roles";

export async function getGroupRoles(): Promise<GroupRoleMapping[]> {
  const rows = await db.scimGroupRole.findMany({ orderBy: [{ groupKey: "asc" }, { role: "asc" }] });
  const byGroup = new Map<string, string[]>();
  for (const { groupKey, role } of rows) byGroup.set(groupKey, [...(byGroup.get(groupKey) ?? []), role]);
  return [...byGroup].map(([group, roles]) => ({ group, roles }));
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export async function getScimOverview(): Promise<ScimOverview> {
  const [status, users, groups, tokens, groupRoles, settings] = await Promise.all([
    db.scimStatus.findUnique({ where: { id: 1 } }),
    db.user.count({ where: { scimUserKey: { not: null } } }),
    db.scimGroup.count(),
    listDirectoryTokens(),
    getGroupRoles(),
    getSettings(),
  ]);
  return {
    status: {
      lastRequestAt: iso(status?.lastRequestAt),
      requests: status?.requests ?? 0,
      errors: status?.errors ?? 0,
      lastErrorAt: iso(status?.lastErrorAt),
      lastError: status?.lastError ?? null,
    },
    users,
    groups,
    tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), expiresAt: iso(t.expiresAt), revokedAt: iso(t.revokedAt), lastUsedAt: iso(t.lastUsedAt) })),
    groupRoles,
    maxExpiration: settings.maxExpiration,
  };
}

/** Replaces the whole mapping (group names compare case-insensitively). */
export async function setGroupRoles(meta: AuditMeta, mappings: GroupRoleMapping[]): Promise<GroupRoleMapping[]> {
  const catalog = getCatalog();
  for (const { roles } of mappings) {
    const unknown = roles.find((role) => !(role in catalog.roles));
    if (unknown) throw badRequest(`Unknown role "${unknown}"`);
  }
  const rows = [...new Map(mappings.flatMap(({ group, roles }) => roles.map((role) => [`${group.toLowerCase()}\n${role}`, { groupKey: group.toLowerCase(), role }]))).values()];
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.scimGroupRole.findMany();
    await tx.scimGroupRole.deleteMany();
    if (rows.length) await tx.scimGroupRole.createMany({ data: rows });
    const keys = [...new Set([...before, ...rows].map((r) => r.groupKey))];
    const members = await tx.scimGroupMember.findMany({ where: { group: { displayKey: { in: keys } } }, select: { userId: true } });
    const changedUsers = await recomputeRoles(tx, [...new Set(members.map((m) => m.userId))]);
    await recordAudit(tx, meta, { action: "scim.group_roles_update", targetType: "settings", details: { mappings, rolesChanged: changedUsers.length } });
    return changedUsers;
  });
  await Promise.all(changed.map((id) => tokenCache.invalidateUserEverywhere(id)));
  return getGroupRoles();
}

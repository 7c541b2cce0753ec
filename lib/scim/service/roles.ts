// Directory groups -> console roles. A provisioned person's roles are "user" plus the roles an
// admin mapped to the groups the directory put them in, recomputed whenever a membership or the
// mapping changes, so a group taken away narrows every token of theirs at once (tokens act
// within the owner's current roles, lib/permissions/check.ts).
import type { Prisma } from "@/lib/db";
import { formatRoles } from "@/lib/permissions/roles";

type Tx = Prisma.TransactionClient;

export const BASE_ROLE = "user";

/** The roles the directory gives each of these people now (written to User.roles); returns the ids whose roles changed. */
export async function recomputeRoles(tx: Tx, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const mapping = await tx.scimGroupRole.findMany();
  const byGroup = new Map<string, string[]>();
  for (const { groupKey, role } of mapping) byGroup.set(groupKey, [...(byGroup.get(groupKey) ?? []), role]);
  const users = await tx.user.findMany({
    where: { id: { in: [...userIds] }, scimUserKey: { not: null } },
    select: { id: true, roles: true, scimGroups: { select: { group: { select: { displayKey: true } } } } },
  });
  const changed: string[] = [];
  for (const user of users) {
    const granted = user.scimGroups.flatMap((m) => byGroup.get(m.group.displayKey) ?? []);
    const roles = formatRoles([BASE_ROLE, ...granted.sort()]);
    if (roles === user.roles) continue;
    await tx.user.update({ where: { id: user.id }, data: { roles } });
    changed.push(user.id);
  }
  return changed;
}

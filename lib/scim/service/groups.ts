// SCIM Groups: the directory pushes groups and their members. Members are provisioned users
// (an id the directory got from a Users create); an unknown id is a 400 invalidValue and
// changes nothing. Each change recomputes the roles of the people who joined or left (roles.ts)
// and drops their cached token lookups on every instance before the answer.
import { recordAudit } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { tokenCache } from "@/lib/tokens/cache";
import { invalidValue, scimNotFound, uniqueness } from "../errors";
import type { Filter } from "../filter";
import { applyPatch, type PatchOperation } from "../patch";
import { groupWhere } from "../query";
import { groupResource, listResponse, readGroup, type ScimGroupInput } from "../resources";
import { directoryDetails, type ScimCaller } from "./context";
import { recomputeRoles } from "./roles";

type Tx = Prisma.TransactionClient;

const select = {
  id: true,
  displayName: true,
  externalId: true,
  createdAt: true,
  updatedAt: true,
  members: { select: { user: { select: { id: true, email: true } } }, orderBy: { userId: "asc" } },
} as const;

type Row = Prisma.ScimGroupGetPayload<{ select: typeof select }>;

const resource = (row: Row, base: string, members = true) => groupResource({ ...row, members: row.members.map((m) => m.user) }, base, { members });

async function find(client: Tx | typeof db, id: string): Promise<Row> {
  const row = await client.scimGroup.findUnique({ where: { id }, select });
  if (!row) throw scimNotFound("Group");
  return row;
}

export async function getScimGroup(caller: ScimCaller, id: string, { members = true } = {}) {
  return resource(await find(db, id), caller.base, members);
}

export async function listScimGroups(caller: ScimCaller, filter: Filter | null, startIndex: number, count: number, { members = true } = {}) {
  const where = groupWhere(filter);
  const [total, rows] = await Promise.all([
    db.scimGroup.count({ where }),
    count === 0 ? Promise.resolve([]) : db.scimGroup.findMany({ where, select, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: startIndex - 1, take: count }),
  ]);
  return listResponse(rows.map((row) => resource(row, caller.base, members)), total, startIndex);
}

async function assertMembers(tx: Tx, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx.user.findMany({ where: { id: { in: ids }, scimUserKey: { not: null } }, select: { id: true } });
  if (found.length === ids.length) return;
  const known = new Set(found.map((u) => u.id));
  const missing = ids.find((id) => !known.has(id));
  throw invalidValue(`members: no provisioned user has the id "${String(missing).slice(0, 64)}"`);
}

async function assertName(tx: Tx, displayName: string, selfId: string | null) {
  const same = await tx.scimGroup.findUnique({ where: { displayKey: displayName.toLowerCase() }, select: { id: true } });
  if (same && same.id !== selfId) throw uniqueness(`A group named "${displayName}" exists`);
}

/** Writes the group and its members; returns the people whose roles may have changed. */
async function write(caller: ScimCaller, tx: Tx, input: ScimGroupInput, id: string | null): Promise<{ id: string; touched: string[] }> {
  await assertName(tx, input.displayName, id);
  await assertMembers(tx, input.memberIds);
  const data = { displayName: input.displayName, displayKey: input.displayName.toLowerCase(), externalId: input.externalId };
  const before = id ? (await tx.scimGroupMember.findMany({ where: { groupId: id }, select: { userId: true } })).map((m) => m.userId) : [];
  const group = id ? await tx.scimGroup.update({ where: { id }, data, select: { id: true } }) : await tx.scimGroup.create({ data, select: { id: true } });
  const next = new Set(input.memberIds);
  const removed = before.filter((u) => !next.has(u));
  const kept = new Set(before);
  const added = input.memberIds.filter((u) => !kept.has(u));
  if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: group.id, userId: { in: removed } } });
  if (added.length) await tx.scimGroupMember.createMany({ data: added.map((userId) => ({ groupId: group.id, userId })) });
  // A rename changes which mapping applies: everyone in it.
  const touched = [...new Set([...before, ...added])];
  const changed = await recomputeRoles(tx, touched);
  await recordAudit(tx, caller.meta, {
    action: id ? "scim.group_update" : "scim.group_create",
    targetType: "group",
    targetId: group.id,
    targetName: input.displayName,
    details: { ...directoryDetails(caller), added: added.length, removed: removed.length, rolesChanged: changed },
  });
  return { id: group.id, touched: changed };
}

async function invalidate(userIds: string[]) {
  await Promise.all(userIds.map((id) => tokenCache.invalidateUserEverywhere(id)));
}

export async function createScimGroup(caller: ScimCaller, body: unknown) {
  const input = readGroup(body);
  const { id, touched } = await db.$transaction((tx) => write(caller, tx, input, null));
  await invalidate(touched);
  return resource(await find(db, id), caller.base);
}

export async function replaceScimGroup(caller: ScimCaller, id: string, body: unknown) {
  const input = readGroup(body);
  const { touched } = await db.$transaction(async (tx) => {
    await find(tx, id);
    return write(caller, tx, input, id);
  });
  await invalidate(touched);
  return resource(await find(db, id), caller.base);
}

/** PATCH: applied to the group as it is (every member), then stored as a PUT of the result. */
export async function patchScimGroup(caller: ScimCaller, id: string, operations: PatchOperation[], { members = true } = {}) {
  const { touched } = await db.$transaction(async (tx) => {
    const current = resource(await find(tx, id), caller.base);
    return write(caller, tx, readGroup(applyPatch(current, operations)), id);
  });
  await invalidate(touched);
  return resource(await find(db, id), caller.base, members);
}

export async function deleteScimGroup(caller: ScimCaller, id: string) {
  const touched = await db.$transaction(async (tx) => {
    const row = await find(tx, id);
    await tx.scimGroup.delete({ where: { id } });
    const changed = await recomputeRoles(tx, row.members.map((m) => m.user.id));
    await recordAudit(tx, caller.meta, { action: "scim.group_delete", targetType: "group", targetId: id, targetName: row.displayName, details: { ...directoryDetails(caller), rolesChanged: changed } });
    return changed;
  });
  await invalidate(touched);
}

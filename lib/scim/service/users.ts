// SCIM Users: the directory creates, reads, replaces, patches, lists and deletes the people it
// provisions. The effects on access happen before the call answers, on every instance:
// - deactivation (active false): the user is disabled, so every token of theirs is refused
//   (owner_disabled) and introspection calls their exchanged JWTs inactive; their sessions end;
//   reactivation enables them again and the tokens that were only suspended work again
//   (revoked ones stay revoked);
// - deletion: disabled, sessions ended, every token revoked for good (reason "deprovisioned",
//   a notice mailed to the owner when mail is set up), group memberships dropped, and the
//   SCIM identity cleared (a GET answers 404; the row stays for the audit trail);
// - each of these drops the user's cached token lookups here and sends the drop to the other
//   instances (LISTEN/NOTIFY) before the answer goes out (tokenCache.invalidateUserEverywhere).
// A person who signed in by SSO before being provisioned is the same user: a create with their
// email takes over that row (an internal or LDAP user with the email is a 409 uniqueness).
import { recordAudit } from "@/lib/audit/record";
import { db, type Prisma } from "@/lib/db";
import { deprovisionNotice } from "@/lib/notices/service/owner-notices";
import { sendSoon } from "@/lib/notices/service/queue";
import { tokenCache } from "@/lib/tokens/cache";
import { endSessions } from "@/lib/users/sessions";
import { scimNotFound, uniqueness } from "../errors";
import type { Filter } from "../filter";
import { applyPatch, type PatchOperation } from "../patch";
import { listResponse, readUser, USER_SCHEMA, userResource, type ScimUserInput } from "../resources";
import { userWhere } from "../query";
import { directoryDetails, type ScimCaller } from "./context";
import { BASE_ROLE, recomputeRoles } from "./roles";

type Tx = Prisma.TransactionClient;

const select = {
  id: true,
  email: true,
  name: true,
  kind: true,
  disabled: true,
  scimUserName: true,
  scimUserKey: true,
  scimExternalId: true,
  createdAt: true,
  updatedAt: true,
  scimGroups: { select: { group: { select: { id: true, displayName: true } } } },
} as const;

type Row = Prisma.UserGetPayload<{ select: typeof select }>;

const resource = (row: Row, base: string) => userResource({ ...row, groups: row.scimGroups.map((m) => m.group) }, base);

async function findProvisioned(client: Tx | typeof db, id: string): Promise<Row> {
  const row = await client.user.findFirst({ where: { id, scimUserKey: { not: null } }, select });
  if (!row) throw scimNotFound("User");
  return row;
}

export async function getScimUser(caller: ScimCaller, id: string) {
  return resource(await findProvisioned(db, id), caller.base);
}

export async function listScimUsers(caller: ScimCaller, filter: Filter | null, startIndex: number, count: number) {
  const where = userWhere(filter);
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    count === 0 ? Promise.resolve([]) : db.user.findMany({ where, select, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: startIndex - 1, take: count }),
  ]);
  return listResponse(rows.map((row) => resource(row, caller.base)), total, startIndex);
}

/** userName and email are unique: another user holding either is a 409 uniqueness. */
async function assertUnique(tx: Tx, input: ScimUserInput, selfId: string | null) {
  const key = input.userName.toLowerCase();
  const sameName = await tx.user.findUnique({ where: { scimUserKey: key }, select: { id: true } });
  if (sameName && sameName.id !== selfId) throw uniqueness(`userName "${input.userName}" is taken`);
  const sameEmail = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, kind: true, scimUserKey: true } });
  if (!sameEmail || sameEmail.id === selfId) return null;
  if (sameEmail.scimUserKey !== null) throw uniqueness(`The email ${input.email} belongs to another provisioned user`);
  if (sameEmail.kind !== "sso") throw uniqueness(`The email ${input.email} belongs to a console user who does not sign in by SSO`);
  return sameEmail.id; // an SSO user who signed in before being provisioned: taken over
}

const stateAction = (before: boolean | null, after: boolean) =>
  before === null || before === after ? null : after ? ("scim.user_reactivate" as const) : ("scim.user_deactivate" as const);

type Written = { row: Row; id: string; action: "scim.user_create" | "scim.user_update" };

async function write(caller: ScimCaller, tx: Tx, input: ScimUserInput, id: string | null, wasDisabled: boolean | null, adopted: boolean): Promise<Written> {
  const data = {
    email: input.email,
    name: input.name,
    disabled: !input.active,
    scimUserName: input.userName,
    scimUserKey: input.userName.toLowerCase(),
    scimExternalId: input.externalId,
  };
  const row = id
    ? await tx.user.update({ where: { id }, data, select })
    : await tx.user.create({ data: { ...data, kind: "sso", roles: BASE_ROLE }, select });
  // The directory's groups decide the roles of whom it provisions (an adopted SSO user's too).
  if (!id || adopted) await recomputeRoles(tx, [row.id]);
  if (input.active === false && wasDisabled !== true) await endSessions(tx, row.id);
  const action = !id || adopted ? "scim.user_create" : "scim.user_update";
  const details = { ...directoryDetails(caller), userName: input.userName, externalId: input.externalId, active: input.active, ...(adopted ? { adopted: true } : {}) };
  await recordAudit(tx, caller.meta, { action, targetType: "user", targetId: row.id, targetName: row.email, ownerId: row.id, details });
  const transition = stateAction(wasDisabled === null ? null : !wasDisabled, input.active);
  if (transition) await recordAudit(tx, caller.meta, { action: transition, targetType: "user", targetId: row.id, targetName: row.email, ownerId: row.id, details: directoryDetails(caller) });
  return { row, id: row.id, action };
}

export async function createScimUser(caller: ScimCaller, body: unknown) {
  const input = readUser(body);
  const written = await db.$transaction(async (tx) => {
    const adopt = await assertUnique(tx, input, null);
    const before = adopt ? await tx.user.findUnique({ where: { id: adopt }, select: { disabled: true } }) : null;
    return write(caller, tx, input, adopt, before ? before.disabled : null, Boolean(adopt));
  });
  await tokenCache.invalidateUserEverywhere(written.id);
  return resource(await findProvisioned(db, written.id), caller.base);
}

async function replace(caller: ScimCaller, id: string, input: ScimUserInput) {
  await db.$transaction(async (tx) => {
    const current = await findProvisioned(tx, id);
    await assertUnique(tx, input, id);
    await write(caller, tx, input, id, current.disabled, false);
  });
  await tokenCache.invalidateUserEverywhere(id);
  return resource(await findProvisioned(db, id), caller.base);
}

/** PUT: the whole resource (Okta's updates). */
export async function replaceScimUser(caller: ScimCaller, id: string, body: unknown) {
  const input = readUser(body);
  return replace(caller, id, input);
}

/** PATCH: the operations applied to the resource as it is, then stored as a PUT of the result. */
export async function patchScimUser(caller: ScimCaller, id: string, operations: PatchOperation[]) {
  const current = resource(await findProvisioned(db, id), caller.base);
  const { groups: _groups, ...writable } = current;
  const next = applyPatch(writable, operations);
  delete next.groups; // read-only here: membership is the Groups' to change
  // An extension's attribute a PATCH set ("urn:...:enterprise:2.0:User:department") names its schema.
  next.schemas = [USER_SCHEMA, ...Object.keys(next).filter((key) => key.startsWith("urn:"))];
  return replace(caller, id, readUser(next));
}

/** DELETE: access ends for good (see the header). */
export async function deleteScimUser(caller: ScimCaller, id: string, now = new Date()) {
  const notices = await db.$transaction(async (tx) => {
    const row = await findProvisioned(tx, id);
    await tx.scimGroupMember.deleteMany({ where: { userId: id } });
    await tx.user.update({ where: { id }, data: { disabled: true, roles: BASE_ROLE, scimUserName: null, scimUserKey: null, scimExternalId: null } });
    await endSessions(tx, id, now);
    const tokens = await tx.token.findMany({ where: { userId: id, revokedAt: null }, select: { id: true, name: true, prefix: true, userId: true } });
    const queued: string[] = [];
    for (const token of tokens) {
      await tx.token.update({ where: { id: token.id }, data: { revokedAt: now, revokedReason: "deprovisioned" } });
      await recordAudit(tx, caller.meta, {
        action: "token.revoke",
        targetType: "token",
        targetId: token.id,
        targetName: token.name,
        ownerId: id,
        details: { ...directoryDetails(caller), reason: "deprovisioned" },
      });
      const notice = await deprovisionNotice(token, now)(tx);
      if (notice) queued.push(notice);
    }
    await recordAudit(tx, caller.meta, {
      action: "scim.user_delete",
      targetType: "user",
      targetId: id,
      targetName: row.email,
      ownerId: id,
      details: { ...directoryDetails(caller), userName: row.scimUserName, revokedTokens: tokens.length },
    });
    return queued;
  });
  await tokenCache.invalidateUserEverywhere(id);
  for (const notice of notices) sendSoon(notice, now);
}

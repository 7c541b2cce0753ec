// Who may touch a token, decided here only: the owner (their id is in every where, so another
// user's token is simply not found), or an admin for read, revoke and delete. A service
// account's tokens are touched by its managers acting for it (`actingFor`): the account is then
// the owner in every where and its roles bound what a token may hold, while the calling token
// still bounds what is handed out (caller-bounds.ts) and the audit names the person.
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { isAdmin, parseRoles } from "@/lib/permissions/roles";
import { SERVICE_ACCOUNT_KIND } from "@/lib/service-accounts/constants";
import { withScopes, type TokenRow } from "../response";
import { metaOf, type Caller } from "./caller";

/** The caller's token, or for an admin anyone's (read, revoke and delete only). */
export async function findAccessible(caller: Caller, id: string): Promise<TokenRow> {
  const where = isAdmin(caller.user.roles) ? { id } : { id, userId: caller.user.id };
  const token = await db.token.findFirst({ where, include: withScopes });
  if (!token) throw notFound("Token");
  return token;
}

/** Owner-only actions: an admin gets a clear 403 on another user's token, others a 404. */
export async function findForOwner(caller: Caller, id: string, action: string): Promise<TokenRow> {
  const token = await findAccessible(caller, id);
  if (token.userId !== caller.user.id) throw forbidden(`Only the token's owner can ${action} it`);
  return token;
}

type Account = { id: string; email: string; kind: string; roles: string };

/** The caller acting for a service account: its id and roles, the caller's token and audit. */
export function onBehalfOf(caller: Caller, account: Account): Caller {
  return { ...caller, user: { id: account.id, kind: account.kind, roles: parseRoles(account.roles), email: account.email }, audit: metaOf(caller) };
}

/** Is `userId` one of the service account's managers? */
export async function managesAccount(accountId: string, userId: string): Promise<boolean> {
  return (await db.serviceAccountManager.count({ where: { serviceAccountId: accountId, userId } })) > 0;
}

/** Who acts on token `tokenId`: for a service account's token, its manager acting for the
 * account (`admins`: an admin too); anyone else stays themself (and the owner-in-where rule
 * answers them). A manager never reaches another account's or a person's token this way. */
export async function actingFor(caller: Caller, tokenId: string, { admins = true } = {}): Promise<Caller> {
  const owner = (await db.token.findUnique({ where: { id: tokenId }, select: { user: { select: { id: true, email: true, kind: true, roles: true } } } }))?.user;
  if (!owner || owner.kind !== SERVICE_ACCOUNT_KIND || owner.id === caller.user.id) return caller;
  const may = (admins && isAdmin(caller.user.roles)) || (await managesAccount(owner.id, caller.user.id));
  return may ? onBehalfOf(caller, owner) : caller;
}

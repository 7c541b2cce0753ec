// Who may touch a token, decided here only: the owner (their id is in every where, so another
// user's token is simply not found), or an admin for read, revoke and delete.
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { isAdmin } from "@/lib/permissions/roles";
import { withScopes, type TokenRow } from "../response";
import type { Caller } from "./caller";

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

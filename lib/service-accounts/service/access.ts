// Which service accounts a caller may see: an admin every one, anyone else those they manage
// (the caller is in the where, so another's account is simply not found).
import { db, type Prisma } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { isAdmin } from "@/lib/permissions/roles";
import type { Caller } from "@/lib/tokens/service/caller";
import { SERVICE_ACCOUNT_KIND } from "../constants";
import type { AccountRow } from "../response";

/** The select that makes an AccountRow (`now`: which tokens count as active). */
export const accountSelect = (now: Date) =>
  ({
    id: true,
    name: true,
    email: true,
    kind: true,
    roles: true,
    disabled: true,
    createdAt: true,
    managers: { select: { user: { select: { id: true, email: true, name: true, disabled: true } } } },
    _count: { select: { tokens: { where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } } } },
  }) satisfies Prisma.UserSelect;

export const visibleTo = (caller: Caller) =>
  isAdmin(caller.user.roles) ? { kind: SERVICE_ACCOUNT_KIND } : { kind: SERVICE_ACCOUNT_KIND, managers: { some: { userId: caller.user.id } } };

export type ManagedAccount = AccountRow & { email: string; kind: string };

/** The account, if the caller manages it (or is an admin); else 404. */
export async function findManaged(caller: Caller, id: string, now = new Date()): Promise<ManagedAccount> {
  const row = await db.user.findFirst({ where: { id, ...visibleTo(caller) }, select: accountSelect(now) });
  if (!row) throw notFound("Service account");
  return row;
}

// My tokens; with `all`, an admin sees everyone's (optionally one owner's, by id or email).
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import type { TokenResponse, TokenStatus } from "@/lib/schemas/token";
import { isAdmin } from "@/lib/permissions/roles";
import { toTokenResponse, withScopes } from "../response";
import { revokersOf } from "./respond";
import type { Caller } from "./caller";

const statusWhere = (status: TokenStatus | undefined, now: Date) => {
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "active":
      return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
    default:
      return {};
  }
};

/** Active and expiring within 7 days (the only `expiring` choice). */
const expiringWhere = (expiring: "7d" | undefined, now: Date) =>
  expiring ? { AND: [{ revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + 7 * 86_400_000) } }] } : {};

export type ListQuery = { status?: TokenStatus; cursor?: string; limit: number; all?: boolean; owner?: string; expiring?: "7d" };

export async function listTokens(caller: Caller, query: ListQuery, now = new Date()): Promise<{ tokens: TokenResponse[]; nextCursor: string | null }> {
  if ((query.all || query.owner) && !isAdmin(caller.user.roles)) throw forbidden("Only admins can see other users' tokens");
  const ownerWhere = query.owner
    ? query.owner.includes("@") ? { user: { email: query.owner.toLowerCase() } } : { userId: query.owner }
    : query.all ? {} : { userId: caller.user.id };
  const rows = await db.token.findMany({
    where: { ...ownerWhere, ...statusWhere(query.status, now), ...expiringWhere(query.expiring, now) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: withScopes,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const revokers = await revokersOf(page);
  return {
    tokens: page.map((t) => toTokenResponse(t, now, revokers)),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

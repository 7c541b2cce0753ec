// The directory's tokens: personal access tokens of an admin whose scopes are SCIM permissions
// only (made on the SCIM settings page with POST /api/v1/tokens, shown once, revoked like any
// token). The SCIM service accepts no other caller (not a session, not an all-permissions
// token), so a leaked directory token can provision and nothing else, and an admin's everyday
// token can't provision by accident.
import { db } from "@/lib/db";
import { SCIM_ENTITY } from "../constants";

/** The token's name and owner, for the audit log's actor ("SCIM directory (Okta)"). */
export async function directoryToken(tokenId: string): Promise<{ tokenId: string; tokenName: string; ownerId: string } | null> {
  const row = await db.token.findUnique({ where: { id: tokenId }, select: { id: true, name: true, userId: true } });
  return row ? { tokenId: row.id, tokenName: row.name, ownerId: row.userId } : null;
}

/** Every directory token (scoped to SCIM only), newest first, with its owner. */
export async function listDirectoryTokens() {
  const rows = await db.token.findMany({
    where: { allPermissions: false, scopes: { some: { entity: SCIM_ENTITY }, every: { entity: SCIM_ENTITY } } },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return rows.map(({ user, ...t }) => ({ ...t, owner: user }));
}

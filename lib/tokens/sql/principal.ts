// The miss path of verification, the statement both engines share: what a secret hash resolves
// to, read on the driver under Prisma (lib/db.ts `driver`), not through Prisma, whose per-query
// cost is larger than the rest of a request. One statement answers both questions a hash can
// have: is it a token's current secret (indexed lookup on Token.secretHash), or a replaced one
// (primary key of ReplacedSecret, with its graceUntil)? Each side is joined to the token and
// owner by primary key; UNION ALL keeps it one round trip for an unknown hash too. A second
// statement, for the scopes, runs only for scoped tokens. Column lists are spelled out so that
// the statements keep working when columns are added. Each engine runs them (sqlite.ts, postgres.ts).
import type { Scope } from "@/lib/permissions/check";
import { parseRoles } from "@/lib/permissions/roles";
import type { CachedPrincipal } from "../cache";
import { compileAllowlist } from "../ip-allowlist";

/** How an engine spells a parameter and reads a DateTime column. */
export type Dialect = { param: string; time: (column: string) => string; noTime: string; false: string };

const COLUMNS = (d: Dialect, graceUntil: string) => `t."id", t."userId", ${d.time(`t."expiresAt"`)} AS "expiresAt", t."revokedAt" IS NOT NULL AS "revoked", t."allPermissions", t."allowedIps",
  t."approvalStatus", ${d.time(`COALESCE(t."approvalRequestedAt", t."secretIssuedAt")`)} AS "pendingSince",
  u."email", u."name", u."kind", u."roles", u."disabled", u."scimUserKey" IS NOT NULL AS "provisioned",
  u."kind" = 'sso' AND COALESCE((SELECT s."allowSsoPatCreation" AND s."ssoPatsNeedDirectory" FROM "Settings" s WHERE s."id" = 1), ${d.false}) AS "needsDirectory",
  ${graceUntil} AS "graceUntil"`;
export const PRINCIPAL_SQL = (d: Dialect) => `SELECT ${COLUMNS(d, d.noTime)}
  FROM "Token" t JOIN "User" u ON u."id" = t."userId" WHERE t."secretHash" = ${d.param}
  UNION ALL
  SELECT ${COLUMNS(d, d.time(`r."graceUntil"`))}
  FROM "ReplacedSecret" r JOIN "Token" t ON t."id" = r."tokenId" JOIN "User" u ON u."id" = t."userId" WHERE r."secretHash" = ${d.param}`;
export const SCOPES_SQL = (d: Dialect) => `SELECT "entity", "operation", "entityId" FROM "TokenScope" WHERE "tokenId" = ${d.param}`;

export type PrincipalRow = {
  id: string;
  userId: string;
  expiresAt: string | number | Date | null;
  revoked: boolean | number;
  allPermissions: boolean | number;
  allowedIps: string | null;
  approvalStatus: string | null;
  pendingSince: string | number | Date;
  email: string;
  name: string;
  kind: string;
  roles: string;
  disabled: boolean | number;
  provisioned: boolean | number;
  needsDirectory: boolean | number | null;
  graceUntil: string | number | Date | null;
};

/** SQLite holds Prisma's DateTime as ISO text (or epoch ms); PostgreSQL's is read as epoch ms. */
const toDate = (value: PrincipalRow["expiresAt"]) => (value === null ? null : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value));

export function toPrincipal(row: PrincipalRow, scopes: Scope[]): CachedPrincipal {
  return {
    tokenId: row.id,
    userId: row.userId,
    expiresAt: toDate(row.expiresAt),
    revoked: Boolean(row.revoked),
    allPermissions: Boolean(row.allPermissions),
    scopes,
    // Parsed here, once per cache fill, never per request.
    allowlist: compileAllowlist(row.allowedIps),
    user: { id: row.userId, email: row.email, name: row.name, kind: row.kind, roles: parseRoles(row.roles), disabled: Boolean(row.disabled), provisioned: Boolean(row.provisioned), needsDirectory: Boolean(row.needsDirectory) },
    graceUntil: toDate(row.graceUntil),
    // Only the refused states are kept: an approved token verifies like any other. One the job
    // marked expired unapproved is a pending one whose wait is over (since the epoch), which
    // verification refuses as expired whatever the clock says.
    ...(row.approvalStatus === "pending" || row.approvalStatus === "denied" ? { approval: { status: row.approvalStatus, since: toDate(row.pendingSince) as Date } } : {}),
    ...(row.approvalStatus === "expired" ? { approval: { status: "pending", since: new Date(0) } } : {}),
  };
}

// SQLite's side of TokenSql (index.ts). The principal lookup runs on a second better-sqlite3
// connection to the same file (WAL: readers never wait for a writer), with prepared statements.
// The writes' statements read their batch from one JSON parameter (json_each); Prisma keeps
// SQLite DateTimes as ISO text with "+00:00", and stamps take that form so they compare as text.
import type Database from "better-sqlite3";
import type { Scope } from "@/lib/permissions/check";
import { PRINCIPAL_SQL, SCOPES_SQL, toPrincipal, type Dialect, type PrincipalRow } from "./principal";
import { lastUseWriter, usageWriter, type WriteStatements } from "./writes";
import type { TokenSql } from "./interface";

// DateTime as stored (toPrincipal reads text or epoch ms).
const DIALECT: Dialect = { param: "?", time: (c) => c, noTime: "NULL" };

const json = (fields: string[]) => fields.map((f) => `json_extract(value, '$.${f}') AS "${f}"`).join(", ");

const STATEMENTS: WriteStatements = {
  stamp: (d) => d.toISOString().replace("Z", "+00:00"),
  lastUse: `UPDATE "Token" SET "lastUsedAt" = u."at", "lastUsedIp" = u."ip"
    FROM (SELECT ${json(["id", "at", "ip", "before"])} FROM json_each(?)) AS u
    WHERE "Token"."id" = u."id" AND ("Token"."lastUsedAt" IS NULL OR "Token"."lastUsedAt" <= u."before")`,
  days: `INSERT INTO "TokenUsageDay" ("tokenId", "day", "calls", "refusedExpired", "refusedRevoked", "refusedIp", "refusedScope")
    SELECT u."tokenId", u."day", u."calls", u."refusedExpired", u."refusedRevoked", u."refusedIp", u."refusedScope"
    FROM (SELECT ${json(["tokenId", "day", "calls", "refusedExpired", "refusedRevoked", "refusedIp", "refusedScope"])} FROM json_each(?)) AS u
    JOIN "Token" t ON t."id" = u."tokenId" WHERE true`,
  addresses: `INSERT INTO "TokenAddress" ("tokenId", "ip", "firstSeenAt", "lastSeenAt", "calls")
    SELECT u."tokenId", u."ip", u."firstSeenAt", u."lastSeenAt", u."calls"
    FROM (SELECT ${json(["tokenId", "ip", "firstSeenAt", "lastSeenAt", "calls"])} FROM json_each(?)) AS u
    JOIN "Token" t ON t."id" = u."tokenId" WHERE true
    ON CONFLICT ("tokenId", "ip") DO UPDATE SET "calls" = "TokenAddress"."calls" + excluded."calls",
    "firstSeenAt" = min("TokenAddress"."firstSeenAt", excluded."firstSeenAt"), "lastSeenAt" = max("TokenAddress"."lastSeenAt", excluded."lastSeenAt")`,
  ids: "SELECT value FROM json_each(?)",
};

export function sqliteSql(open: () => Database.Database): TokenSql {
  let statements: { principal: Database.Statement; scopes: Database.Statement } | undefined;
  return {
    async readPrincipal(hash) {
      statements ??= { principal: open().prepare(PRINCIPAL_SQL(DIALECT)), scopes: open().prepare(SCOPES_SQL(DIALECT)) };
      const row = statements.principal.get(hash, hash) as PrincipalRow | undefined;
      if (!row) return null;
      return toPrincipal(row, row.allPermissions ? [] : (statements.scopes.all(row.id) as Scope[]));
    },
    writeUses: lastUseWriter(STATEMENTS),
    writeUsage: usageWriter(STATEMENTS),
    // One process: no other instance to tell.
    notify: async () => undefined,
  };
}

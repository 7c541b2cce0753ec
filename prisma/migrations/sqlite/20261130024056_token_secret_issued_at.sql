-- migrate:up transaction:false
-- RedefineTables (the new column is filled below)
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "allPermissions" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "secretIssuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedReason" TEXT,
    "revokedDetails" TEXT,
    "lastUsedAt" DATETIME,
    "lastUsedIp" TEXT,
    "allowedIps" TEXT,
    "rotationGraceSeconds" INTEGER,
    CONSTRAINT "Token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Token" ("allPermissions", "allowedIps", "createdAt", "description", "expiresAt", "id", "lastUsedAt", "lastUsedIp", "name", "prefix", "revokedAt", "revokedById", "revokedDetails", "revokedReason", "rotationGraceSeconds", "secretHash", "userId", "secretIssuedAt") SELECT "allPermissions", "allowedIps", "createdAt", "description", "expiresAt", "id", "lastUsedAt", "lastUsedIp", "name", "prefix", "revokedAt", "revokedById", "revokedDetails", "revokedReason", "rotationGraceSeconds", "secretHash", "userId", "createdAt" FROM "Token";
DROP TABLE "Token";
ALTER TABLE "new_Token" RENAME TO "Token";
CREATE UNIQUE INDEX "Token_secretHash_key" ON "Token"("secretHash");
CREATE INDEX "Token_userId_createdAt_id_idx" ON "Token"("userId", "createdAt", "id");
CREATE INDEX "Token_userId_revokedAt_createdAt_id_idx" ON "Token"("userId", "revokedAt", "createdAt", "id");
CREATE INDEX "Token_createdAt_id_idx" ON "Token"("createdAt", "id");
CREATE INDEX "Token_revokedAt_createdAt_id_idx" ON "Token"("revokedAt", "createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
-- Existing tokens: their secret dates from their last regenerate or rotation, as the audit log
-- recorded it, else from their creation (the unused-token policy and self-rotation count from here).
-- The audit events are read once, grouped by token (an index-less correlated lookup per token
-- would hold the table lock for as long as tokens x events).
UPDATE "Token" SET "secretIssuedAt" = "createdAt";
UPDATE "Token" SET "secretIssuedAt" = latest."at"
FROM (
  SELECT e."targetId" AS "tokenId", MAX(e."createdAt") AS "at" FROM "AuditEvent" e
  WHERE e."targetType" = 'token' AND e."action" IN ('token.regenerate', 'token.rotate') AND e."outcome" = 'success'
  GROUP BY e."targetId"
) AS latest
WHERE latest."tokenId" = "Token"."id" AND latest."at" > "Token"."createdAt";

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up transaction:false
-- AlterTable
ALTER TABLE "Token" ADD COLUMN "approvalDecidedAt" DATETIME;
ALTER TABLE "Token" ADD COLUMN "approvalDecidedById" TEXT;
ALTER TABLE "Token" ADD COLUMN "approvalReason" TEXT;
ALTER TABLE "Token" ADD COLUMN "approvalStatus" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Settings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "maxExpiration" TEXT NOT NULL DEFAULT 'never',
    "allowSsoPatCreation" BOOLEAN NOT NULL DEFAULT true,
    "ssoPatsNeedDirectory" BOOLEAN NOT NULL DEFAULT false,
    "unusedTokenDays" INTEGER NOT NULL DEFAULT 0,
    "neverUsedTokenDays" INTEGER NOT NULL DEFAULT 0,
    "approvalLongerThanDays" INTEGER NOT NULL DEFAULT 0,
    "approvalNoExpiry" BOOLEAN NOT NULL DEFAULT false,
    "approvalScopes" TEXT,
    "approvalServiceAccounts" BOOLEAN NOT NULL DEFAULT false,
    "approvers" TEXT NOT NULL DEFAULT 'admins',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Settings" ("allowSsoPatCreation", "id", "maxExpiration", "neverUsedTokenDays", "ssoPatsNeedDirectory", "unusedTokenDays", "updatedAt") SELECT "allowSsoPatCreation", "id", "maxExpiration", "neverUsedTokenDays", "ssoPatsNeedDirectory", "unusedTokenDays", "updatedAt" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Token_approvalStatus_createdAt_idx" ON "Token"("approvalStatus", "createdAt");

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up transaction:false
-- AlterTable
ALTER TABLE "User" ADD COLUMN "scimExternalId" TEXT;
ALTER TABLE "User" ADD COLUMN "scimUserKey" TEXT;
ALTER TABLE "User" ADD COLUMN "scimUserName" TEXT;

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "displayKey" TEXT NOT NULL,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScimGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScimGroupRole" (
    "groupKey" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    PRIMARY KEY ("groupKey", "role")
);

-- CreateTable
CREATE TABLE "ScimStatus" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "lastRequestAt" DATETIME,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "lastErrorAt" DATETIME,
    "lastError" TEXT
);

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
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Settings" ("allowSsoPatCreation", "id", "maxExpiration", "neverUsedTokenDays", "unusedTokenDays", "updatedAt") SELECT "allowSsoPatCreation", "id", "maxExpiration", "neverUsedTokenDays", "unusedTokenDays", "updatedAt" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_displayKey_key" ON "ScimGroup"("displayKey");

-- CreateIndex
CREATE INDEX "ScimGroupMember_userId_idx" ON "ScimGroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "User_scimUserKey_key" ON "User"("scimUserKey");

-- CreateIndex
CREATE INDEX "User_scimExternalId_idx" ON "User"("scimExternalId");

-- migrate:down
-- Not supported: restore from a backup.

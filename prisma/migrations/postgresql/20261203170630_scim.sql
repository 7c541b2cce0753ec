-- migrate:up
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "scimExternalId" TEXT,
ADD COLUMN     "scimUserKey" TEXT,
ADD COLUMN     "scimUserName" TEXT;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "ssoPatsNeedDirectory" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ScimGroup" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "displayKey" TEXT NOT NULL,
    "externalId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScimGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScimGroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ScimGroupMember_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "ScimGroupRole" (
    "groupKey" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "ScimGroupRole_pkey" PRIMARY KEY ("groupKey","role")
);

-- CreateTable
CREATE TABLE "ScimStatus" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lastRequestAt" TIMESTAMP(3),
    "requests" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "lastErrorAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "ScimStatus_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_displayKey_key" ON "ScimGroup"("displayKey");

-- CreateIndex
CREATE INDEX "ScimGroupMember_userId_idx" ON "ScimGroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "User_scimUserKey_key" ON "User"("scimUserKey");

-- CreateIndex
CREATE INDEX "User_scimExternalId_idx" ON "User"("scimExternalId");

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ScimGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroupMember" ADD CONSTRAINT "ScimGroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
-- Not supported: restore from a backup.

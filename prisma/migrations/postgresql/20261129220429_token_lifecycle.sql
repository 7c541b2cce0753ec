-- migrate:up
-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "neverUsedTokenDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unusedTokenDays" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "revokedReason" TEXT;

-- CreateTable
CREATE TABLE "Notice" (
    "id" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "data" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notice_status_nextAttemptAt_idx" ON "Notice"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_tokenId_kind_version_key" ON "Notice"("tokenId", "kind", "version");

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "approvalLongerThanDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "approvalNoExpiry" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvalScopes" TEXT,
ADD COLUMN     "approvalServiceAccounts" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvers" TEXT NOT NULL DEFAULT 'admins';

-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "approvalDecidedAt" TIMESTAMP(3),
ADD COLUMN     "approvalDecidedById" TEXT,
ADD COLUMN     "approvalReason" TEXT,
ADD COLUMN     "approvalStatus" TEXT;

-- CreateIndex
CREATE INDEX "Token_approvalStatus_createdAt_idx" ON "Token"("approvalStatus", "createdAt");

-- migrate:down
-- Not supported: restore from a backup.

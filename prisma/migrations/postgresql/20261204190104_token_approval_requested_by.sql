-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "approvalRequestedById" TEXT;

-- migrate:down
-- Not supported: restore from a backup.

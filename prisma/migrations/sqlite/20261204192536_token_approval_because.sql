-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN "approvalBecause" TEXT;

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionsValidAfter" TIMESTAMP(3);

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionsValidAfter" DATETIME;

-- migrate:down
-- Not supported: restore from a backup.

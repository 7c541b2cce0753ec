-- migrate:up
-- AlterTable
ALTER TABLE "SigningKey" ADD COLUMN "activatesAt" DATETIME;

-- migrate:down
-- Not supported: restore from a backup.

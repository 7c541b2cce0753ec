-- migrate:up
-- AlterTable
ALTER TABLE "SigningKey" ADD COLUMN     "activatesAt" TIMESTAMP(3);

-- migrate:down
-- Not supported: restore from a backup.

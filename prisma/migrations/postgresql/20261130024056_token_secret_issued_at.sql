-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "secretIssuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Existing tokens: their secret dates from their creation (the unused-token policy's count starts there).
UPDATE "Token" SET "secretIssuedAt" = "createdAt";

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "approvalRequestedAt" TIMESTAMP(3);

-- A token held back before this column waited from its secret's minting.
UPDATE "Token" SET "approvalRequestedAt" = "secretIssuedAt" WHERE "approvalStatus" IS NOT NULL;

-- migrate:down
-- Not supported: restore from a backup.

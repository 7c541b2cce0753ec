-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "secretIssuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Existing tokens: their secret dates from their last regenerate or rotation, as the audit log
-- recorded it, else from their creation (the unused-token policy and self-rotation count from here).
UPDATE "Token" SET "secretIssuedAt" = COALESCE((
  SELECT MAX(e."createdAt") FROM "AuditEvent" e
  WHERE e."targetType" = 'token' AND e."targetId" = "Token"."id"
    AND e."action" IN ('token.regenerate', 'token.rotate') AND e."outcome" = 'success'
), "createdAt");

-- migrate:down
-- Not supported: restore from a backup.

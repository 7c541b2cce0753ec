-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "secretIssuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Existing tokens: their secret dates from their last regenerate or rotation, as the audit log
-- recorded it, else from their creation (the unused-token policy and self-rotation count from here).
-- The audit events are read once, grouped by token (an index-less correlated lookup per token
-- would hold the table lock for as long as tokens x events).
UPDATE "Token" SET "secretIssuedAt" = "createdAt";
UPDATE "Token" SET "secretIssuedAt" = latest."at"
FROM (
  SELECT e."targetId" AS "tokenId", MAX(e."createdAt") AS "at" FROM "AuditEvent" e
  WHERE e."targetType" = 'token' AND e."action" IN ('token.regenerate', 'token.rotate') AND e."outcome" = 'success'
  GROUP BY e."targetId"
) AS latest
WHERE latest."tokenId" = "Token"."id" AND latest."at" > "Token"."createdAt";

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- DropIndex
DROP INDEX "Token_userId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Token_userId_createdAt_id_idx" ON "Token"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Token_userId_revokedAt_createdAt_id_idx" ON "Token"("userId", "revokedAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Token_createdAt_id_idx" ON "Token"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Token_revokedAt_createdAt_id_idx" ON "Token"("revokedAt", "createdAt", "id");

-- migrate:down
-- Not supported: restore from a backup.

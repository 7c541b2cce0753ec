-- migrate:up
-- CreateTable
CREATE TABLE "AccessTokenDenylist" (
    "jti" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "AccessTokenDenylist_expiresAt_idx" ON "AccessTokenDenylist"("expiresAt");

-- migrate:down
-- Not supported: restore from a backup.

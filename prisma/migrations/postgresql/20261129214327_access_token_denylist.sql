-- migrate:up
-- CreateTable
CREATE TABLE "AccessTokenDenylist" (
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessTokenDenylist_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "AccessTokenDenylist_expiresAt_idx" ON "AccessTokenDenylist"("expiresAt");

-- migrate:down
-- Not supported: restore from a backup.

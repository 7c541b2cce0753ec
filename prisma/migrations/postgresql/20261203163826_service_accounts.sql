-- migrate:up
-- CreateTable
CREATE TABLE "ServiceAccountManager" (
    "serviceAccountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceAccountManager_pkey" PRIMARY KEY ("serviceAccountId","userId")
);

-- CreateIndex
CREATE INDEX "ServiceAccountManager_userId_idx" ON "ServiceAccountManager"("userId");

-- AddForeignKey
ALTER TABLE "ServiceAccountManager" ADD CONSTRAINT "ServiceAccountManager_serviceAccountId_fkey" FOREIGN KEY ("serviceAccountId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceAccountManager" ADD CONSTRAINT "ServiceAccountManager_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
-- Not supported: restore from a backup.

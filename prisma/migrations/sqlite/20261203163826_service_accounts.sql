-- migrate:up
-- CreateTable
CREATE TABLE "ServiceAccountManager" (
    "serviceAccountId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("serviceAccountId", "userId"),
    CONSTRAINT "ServiceAccountManager_serviceAccountId_fkey" FOREIGN KEY ("serviceAccountId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ServiceAccountManager_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ServiceAccountManager_userId_idx" ON "ServiceAccountManager"("userId");

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- AlterTable
ALTER TABLE "User" ADD COLUMN "ssoSubject" TEXT;

-- CreateTable
CREATE TABLE "LogoutTokenJti" (
    "jti" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LogoutTokenJti_expiresAt_idx" ON "LogoutTokenJti"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_ssoSubject_key" ON "User"("ssoSubject");

-- migrate:down
-- Not supported: restore from a backup.

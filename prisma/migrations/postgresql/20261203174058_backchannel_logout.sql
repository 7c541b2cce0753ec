-- migrate:up
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "ssoSubject" TEXT;

-- CreateTable
CREATE TABLE "LogoutTokenJti" (
    "jti" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LogoutTokenJti_pkey" PRIMARY KEY ("jti")
);

-- CreateIndex
CREATE INDEX "LogoutTokenJti_expiresAt_idx" ON "LogoutTokenJti"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_ssoSubject_key" ON "User"("ssoSubject");

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN "allowedIps" TEXT;
ALTER TABLE "Token" ADD COLUMN "revokedDetails" TEXT;
ALTER TABLE "Token" ADD COLUMN "rotationGraceSeconds" INTEGER;

-- CreateTable
CREATE TABLE "ReplacedSecret" (
    "secretHash" TEXT NOT NULL PRIMARY KEY,
    "tokenId" TEXT NOT NULL,
    "replacedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "graceUntil" DATETIME NOT NULL,
    CONSTRAINT "ReplacedSecret_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TokenUsageDay" (
    "tokenId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "refusedExpired" INTEGER NOT NULL DEFAULT 0,
    "refusedRevoked" INTEGER NOT NULL DEFAULT 0,
    "refusedIp" INTEGER NOT NULL DEFAULT 0,
    "refusedScope" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("tokenId", "day"),
    CONSTRAINT "TokenUsageDay_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TokenAddress" (
    "tokenId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("tokenId", "ip"),
    CONSTRAINT "TokenAddress_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReplacedSecret_tokenId_replacedAt_idx" ON "ReplacedSecret"("tokenId", "replacedAt");

-- CreateIndex
CREATE INDEX "TokenUsageDay_day_idx" ON "TokenUsageDay"("day");

-- CreateIndex
CREATE INDEX "TokenAddress_tokenId_lastSeenAt_idx" ON "TokenAddress"("tokenId", "lastSeenAt");

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "allowedIps" TEXT,
ADD COLUMN     "revokedDetails" TEXT,
ADD COLUMN     "rotationGraceSeconds" INTEGER;

-- CreateTable
CREATE TABLE "ReplacedSecret" (
    "secretHash" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "graceUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplacedSecret_pkey" PRIMARY KEY ("secretHash")
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

    CONSTRAINT "TokenUsageDay_pkey" PRIMARY KEY ("tokenId","day")
);

-- CreateTable
CREATE TABLE "TokenAddress" (
    "tokenId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TokenAddress_pkey" PRIMARY KEY ("tokenId","ip")
);

-- CreateIndex
CREATE INDEX "ReplacedSecret_tokenId_replacedAt_idx" ON "ReplacedSecret"("tokenId", "replacedAt");

-- CreateIndex
CREATE INDEX "TokenUsageDay_day_idx" ON "TokenUsageDay"("day");

-- CreateIndex
CREATE INDEX "TokenAddress_tokenId_lastSeenAt_idx" ON "TokenAddress"("tokenId", "lastSeenAt");

-- AddForeignKey
ALTER TABLE "ReplacedSecret" ADD CONSTRAINT "ReplacedSecret_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenUsageDay" ADD CONSTRAINT "TokenUsageDay_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TokenAddress" ADD CONSTRAINT "TokenAddress_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- CreateTable
CREATE TABLE "TokenScope" (
    "id" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "entityId" TEXT NOT NULL DEFAULT '*',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TokenScope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TokenScope_tokenId_entity_operation_entityId_key" ON "TokenScope"("tokenId", "entity", "operation", "entityId");

-- AddForeignKey
ALTER TABLE "TokenScope" ADD CONSTRAINT "TokenScope_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- migrate:down
-- Not supported: restore from a backup.

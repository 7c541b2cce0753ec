-- migrate:up
-- CreateTable
CREATE TABLE "TokenScope" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "entityId" TEXT NOT NULL DEFAULT '*',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TokenScope_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "Token" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "TokenScope_tokenId_entity_operation_entityId_key" ON "TokenScope"("tokenId", "entity", "operation", "entityId");

-- migrate:down
-- Not supported: restore from a backup.

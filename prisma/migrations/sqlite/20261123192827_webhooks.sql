-- migrate:up
-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "path" TEXT NOT NULL,
    "authMethod" TEXT NOT NULL DEFAULT 'token',
    "tokenHash" TEXT,
    "tokenPrefix" TEXT,
    "retention" INTEGER NOT NULL DEFAULT 100,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebhookRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "headers" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "ip" TEXT,
    CONSTRAINT "WebhookRequest_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_path_key" ON "WebhookEndpoint"("path");

-- CreateIndex
CREATE INDEX "WebhookRequest_endpointId_receivedAt_idx" ON "WebhookRequest"("endpointId", "receivedAt");

-- migrate:down
-- Not supported: restore from a backup.

-- migrate:up
-- CreateTable
CREATE TABLE "FederationPolicy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "issuer" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "conditions" TEXT NOT NULL,
    "principalId" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "lifetimeMinutes" INTEGER NOT NULL,
    "allowPat" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FederationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederationJti" (
    "key" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FederationJti_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FederationPolicy_issuer_idx" ON "FederationPolicy"("issuer");

-- CreateIndex
CREATE INDEX "FederationJti_expiresAt_idx" ON "FederationJti"("expiresAt");

-- migrate:down
-- Not supported: restore from a backup.

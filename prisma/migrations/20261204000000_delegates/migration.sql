-- Delegates (issue 18): processes that run connector work where the credentials live. They
-- register with a delegate token (stored as SHA-256) and heartbeat; the console lists them.
CREATE TABLE "DelegateToken" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "DelegateToken_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DelegateToken_tokenHash_key" ON "DelegateToken"("tokenHash");
CREATE UNIQUE INDEX "DelegateToken_accountId_name_key" ON "DelegateToken"("accountId", "name");

CREATE TABLE "Delegate" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "version" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "tokenId" TEXT NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastHeartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),
    CONSTRAINT "Delegate_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Delegate_accountId_name_key" ON "Delegate"("accountId", "name");
CREATE INDEX "Delegate_tokenId_idx" ON "Delegate"("tokenId");
ALTER TABLE "Delegate" ADD CONSTRAINT "Delegate_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "DelegateToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

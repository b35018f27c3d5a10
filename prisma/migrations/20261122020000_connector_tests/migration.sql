-- CreateTable
CREATE TABLE "ConnectorTest" (
    "id" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorSummary" TEXT NOT NULL DEFAULT '',
    "errors" JSONB NOT NULL DEFAULT '[]',
    "steps" JSONB NOT NULL DEFAULT '[]',
    "delegateId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "testedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "ConnectorTest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConnectorTest_connectorId_testedAt_idx" ON "ConnectorTest"("connectorId", "testedAt" DESC);

-- AddForeignKey
ALTER TABLE "ConnectorTest" ADD CONSTRAINT "ConnectorTest_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Delegate tasks (issue 18): connection tests handed to registered delegates through pg-boss.
CREATE TABLE "DelegateTask" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "selectors" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL DEFAULT 'queued',
    "delegateId" TEXT,
    "delegateName" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "events" JSONB NOT NULL DEFAULT '[]',
    "result" JSONB,
    "requestedBy" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "DelegateTask_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "DelegateTask_delegateId_status_idx" ON "DelegateTask"("delegateId", "status");

CREATE TABLE "DelegateTaskQueue" (
    "name" TEXT NOT NULL,
    "selectors" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    CONSTRAINT "DelegateTaskQueue_pkey" PRIMARY KEY ("name")
);

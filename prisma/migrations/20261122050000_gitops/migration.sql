-- CreateTable
CREATE TABLE "GitopsAgent" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orgIdentifier" TEXT NOT NULL,
    "projectIdentifier" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "namespace" TEXT NOT NULL,
    "connectorRef" TEXT NOT NULL,
    "connectorId" TEXT,
    "managementCluster" TEXT NOT NULL,
    "agentRoleArn" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GitopsAgent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GitopsCluster" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orgIdentifier" TEXT NOT NULL,
    "projectIdentifier" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "agentId" TEXT NOT NULL,
    "masterUrl" TEXT NOT NULL,
    "authType" TEXT NOT NULL,
    "roleArn" TEXT,
    "awsClusterName" TEXT,
    "region" TEXT,
    "tokenRef" TEXT,
    "caData" TEXT NOT NULL DEFAULT '',
    "connectionStatus" TEXT NOT NULL DEFAULT 'Unknown',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "serverVersion" TEXT,
    "testedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GitopsCluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GitopsClusterSecretRef" (
    "clusterId" TEXT NOT NULL,
    "secretId" TEXT NOT NULL,
    "field" TEXT NOT NULL,

    CONSTRAINT "GitopsClusterSecretRef_pkey" PRIMARY KEY ("clusterId","field")
);

-- CreateIndex
CREATE INDEX "GitopsAgent_connectorId_idx" ON "GitopsAgent"("connectorId");

-- CreateIndex
CREATE UNIQUE INDEX "GitopsAgent_accountId_orgIdentifier_projectIdentifier_ident_key" ON "GitopsAgent"("accountId", "orgIdentifier", "projectIdentifier", "identifier");

-- CreateIndex
CREATE INDEX "GitopsCluster_agentId_idx" ON "GitopsCluster"("agentId");

-- CreateIndex
CREATE UNIQUE INDEX "GitopsCluster_accountId_orgIdentifier_projectIdentifier_ide_key" ON "GitopsCluster"("accountId", "orgIdentifier", "projectIdentifier", "identifier");

-- CreateIndex
CREATE INDEX "GitopsClusterSecretRef_secretId_idx" ON "GitopsClusterSecretRef"("secretId");

-- AddForeignKey
ALTER TABLE "GitopsAgent" ADD CONSTRAINT "GitopsAgent_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GitopsCluster" ADD CONSTRAINT "GitopsCluster_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "GitopsAgent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GitopsClusterSecretRef" ADD CONSTRAINT "GitopsClusterSecretRef_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "GitopsCluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GitopsClusterSecretRef" ADD CONSTRAINT "GitopsClusterSecretRef_secretId_fkey" FOREIGN KEY ("secretId") REFERENCES "Secret"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

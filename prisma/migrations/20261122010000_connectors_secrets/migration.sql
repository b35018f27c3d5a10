-- CreateTable
CREATE TABLE "Secret" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orgIdentifier" TEXT NOT NULL DEFAULT '',
    "projectIdentifier" TEXT NOT NULL DEFAULT '',
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "ciphertext" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "authTag" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "valueUpdatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Secret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Connector" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orgIdentifier" TEXT NOT NULL DEFAULT '',
    "projectIdentifier" TEXT NOT NULL DEFAULT '',
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "credentialType" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "lastTestStatus" TEXT NOT NULL DEFAULT 'UNKNOWN',
    "lastTestedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorSecretRef" (
    "connectorId" TEXT NOT NULL,
    "secretId" TEXT NOT NULL,
    "field" TEXT NOT NULL,

    CONSTRAINT "ConnectorSecretRef_pkey" PRIMARY KEY ("connectorId","field")
);

-- CreateIndex
CREATE UNIQUE INDEX "Secret_accountId_orgIdentifier_projectIdentifier_identifier_key" ON "Secret"("accountId", "orgIdentifier", "projectIdentifier", "identifier");

-- CreateIndex
CREATE UNIQUE INDEX "Connector_accountId_orgIdentifier_projectIdentifier_identif_key" ON "Connector"("accountId", "orgIdentifier", "projectIdentifier", "identifier");

-- CreateIndex
CREATE INDEX "Connector_accountId_orgIdentifier_projectIdentifier_name_idx" ON "Connector"("accountId", "orgIdentifier", "projectIdentifier", "name");

-- CreateIndex
CREATE INDEX "ConnectorSecretRef_secretId_idx" ON "ConnectorSecretRef"("secretId");

-- AddForeignKey
ALTER TABLE "ConnectorSecretRef" ADD CONSTRAINT "ConnectorSecretRef_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectorSecretRef" ADD CONSTRAINT "ConnectorSecretRef_secretId_fkey" FOREIGN KEY ("secretId") REFERENCES "Secret"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orgIdentifier" TEXT NOT NULL,
    "projectIdentifier" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InfrastructureDefinition" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "orgIdentifier" TEXT NOT NULL,
    "projectIdentifier" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "deploymentType" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "storage" TEXT NOT NULL DEFAULT 'Inline',
    "allowSimultaneousDeployments" JSONB NOT NULL DEFAULT 'false',
    "scopedServices" JSONB NOT NULL DEFAULT '[]',
    "provisioner" TEXT,
    "spec" JSONB NOT NULL,
    "connectorId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InfrastructureDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Environment_accountId_orgIdentifier_projectIdentifier_ident_key" ON "Environment"("accountId", "orgIdentifier", "projectIdentifier", "identifier");

-- CreateIndex
CREATE UNIQUE INDEX "InfrastructureDefinition_environmentId_identifier_key" ON "InfrastructureDefinition"("environmentId", "identifier");

-- CreateIndex
CREATE INDEX "InfrastructureDefinition_accountId_orgIdentifier_projectIde_idx" ON "InfrastructureDefinition"("accountId", "orgIdentifier", "projectIdentifier", "name");

-- CreateIndex
CREATE INDEX "InfrastructureDefinition_connectorId_idx" ON "InfrastructureDefinition"("connectorId");

-- AddForeignKey
ALTER TABLE "InfrastructureDefinition" ADD CONSTRAINT "InfrastructureDefinition_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InfrastructureDefinition" ADD CONSTRAINT "InfrastructureDefinition_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- What a connector is for: the chosen uses of lib/aws/usages.ts with optional resource names,
-- [{ "id": "ecr-pull", "resources": { "repository": ["web"] } }]. Conduit's own field (the YAML
-- carries it as `conduit: { usages }` beside the Harness fields). Existing connectors have none.
ALTER TABLE "Connector" ADD COLUMN "usages" JSONB NOT NULL DEFAULT '[]';

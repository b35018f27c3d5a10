-- Periodic connectivity checks (issue 18): every connector is re-tested on a schedule through the
-- job queue. The interval (minutes, NULL = the console's default), on or off, when the next check
-- is due, and the health the checks found (passing | failing) since when.
ALTER TABLE "Connector" ADD COLUMN "checkIntervalMinutes" INTEGER;
ALTER TABLE "Connector" ADD COLUMN "checkEnabled" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Connector" ADD COLUMN "nextCheckAt" TIMESTAMP(3);
ALTER TABLE "Connector" ADD COLUMN "healthStatus" TEXT;
ALTER TABLE "Connector" ADD COLUMN "healthSince" TIMESTAMP(3);
CREATE INDEX "Connector_nextCheckAt_idx" ON "Connector"("nextCheckAt");
-- Existing connectors: first check within the default 10 minutes, spread so they do not all run at once.
UPDATE "Connector" SET "nextCheckAt" = now() + random() * interval '10 minutes';

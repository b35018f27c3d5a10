-- A bearer token reference remembers the endpoint and CA it was chosen for (SHA-256 of
-- "<masterUrl>\n<caData>"); the token is sent only while the cluster still has them.
ALTER TABLE "GitopsClusterSecretRef" ADD COLUMN "boundTo" TEXT;

UPDATE "GitopsClusterSecretRef" r
SET "boundTo" = encode(sha256(convert_to(c."masterUrl" || E'\n' || c."caData", 'UTF8')), 'hex')
FROM "GitopsCluster" c
WHERE c."id" = r."clusterId";

ALTER TABLE "GitopsClusterSecretRef" ALTER COLUMN "boundTo" SET NOT NULL;

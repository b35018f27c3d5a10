-- CreateTable
CREATE TABLE "OidcSigningKey" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "authTag" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "publishedUntil" TIMESTAMP(3),

    CONSTRAINT "OidcSigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OidcSigningKey_kid_key" ON "OidcSigningKey"("kid");

-- CreateIndex
CREATE INDEX "OidcSigningKey_accountId_retiredAt_idx" ON "OidcSigningKey"("accountId", "retiredAt");

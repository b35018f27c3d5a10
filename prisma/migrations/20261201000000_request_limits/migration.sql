-- Request counters per principal and per scope (rate-limiter-flexible's PostgreSQL store, lib/limits).
CREATE TABLE "RequestLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,
    CONSTRAINT "RequestLimit_pkey" PRIMARY KEY ("key")
);

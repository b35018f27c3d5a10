// Prisma CLI configuration. Only `prisma generate` runs here (see docs/architecture.md:
// migrations are applied by scripts/db-migrate.ts, not by the Prisma CLI).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/conduit" },
});

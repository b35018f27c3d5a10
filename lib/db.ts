// The Prisma client singleton. One pool per process; kept on globalThis so dev hot reloads
// do not open a new pool on every edit.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { conduitPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Conduit with `npm start`, which provides one");
  const adapter = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 3_000 });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForDb.conduitPrisma ?? createClient();
if (env().NODE_ENV !== "production") globalForDb.conduitPrisma = db;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

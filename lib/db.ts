// The Prisma client singleton. One pool per process, kept on globalThis so dev hot reloads
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

function client(): PrismaClient {
  globalForDb.conduitPrisma ??= createClient();
  return globalForDb.conduitPrisma;
}

/** Created on first use, so importing this module (e.g. during `next build`) needs no database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// The Prisma client singleton. One pool per process, kept on globalThis so dev hot reloads
// do not open a new pool on every edit; its connections carry the time limits of lib/db/pool.ts
// and it is disconnected when the console stops.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { onClose } from "./lifecycle";
import { onIdleConnectionError, poolConfig } from "./db/pool";

const globalForDb = globalThis as unknown as { conduitPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg(poolConfig("conduit", 10), { onPoolError: onIdleConnectionError("prisma") });
  const client = new PrismaClient({ adapter });
  onClose("prisma", () => client.$disconnect());
  return client;
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

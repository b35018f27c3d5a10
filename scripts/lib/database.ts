// Resolves the database Conduit runs on: DATABASE_URL when set, otherwise an embedded
// PostgreSQL under the data directory. Either way it is migrated and seeded before use.
import path from "node:path";
import { env } from "../../lib/env";
import { migrate } from "../../lib/db/migrations";
import { seed } from "../../prisma/seed";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded-postgres";

export interface Database {
  url: string;
  embedded?: EmbeddedDb;
}

export async function prepareDatabase(log: (msg: string) => void): Promise<Database> {
  const config = env();
  let db: Database;
  if (config.DATABASE_URL) {
    log("using the PostgreSQL server from DATABASE_URL");
    db = { url: config.DATABASE_URL };
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(config.CONDUIT_DATA_DIR, "postgres"), log });
    db = { url: embedded.url, embedded };
  }
  try {
    const { applied } = await migrate(db.url, { log });
    log(applied.length ? `${applied.length} migration(s) applied` : "database schema is up to date");
    await seed(db.url, config.CONDUIT_ACCOUNT_ID);
  } catch (err) {
    await db.embedded?.stop();
    throw err;
  }
  return db;
}

// Vitest global setup: a fresh, migrated PostgreSQL database for this run. With DATABASE_URL
// set, a new database is created on that server; otherwise an embedded server in a temp dir,
// where tests connect as its non-superuser app role and `databaseAdminUrl` is the superuser's
// (for creating databases: scripts/lib/test-database.ts).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../lib/db/migrations";
import { seed } from "../../prisma/seed";
import { startEmbeddedPostgres } from "./embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** May create databases; the same as databaseUrl on a DATABASE_URL server. */
    databaseAdminUrl: string;
  }
}

export const TEST_ACCOUNT_ID = "test_account";

export default async function setup(project: TestProject) {
  let url: string;
  let adminUrl: string;
  let teardown: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const base = new URL(process.env.DATABASE_URL);
    const name = `conduit_test_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    base.pathname = `/${name}`;
    url = base.toString();
    adminUrl = url;
    teardown = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), "conduit-vitest-"));
    await chmod(dir, 0o755); // the server runs as the unprivileged `postgres` user
    const db = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg") });
    url = db.url;
    adminUrl = db.adminUrl;
    teardown = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await migrate(url);
  await seed(url, TEST_ACCOUNT_ID);
  project.provide("databaseUrl", url);
  project.provide("databaseAdminUrl", adminUrl);
  return teardown;
}

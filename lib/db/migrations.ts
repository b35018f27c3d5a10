// Applies the SQL migrations in prisma/migrations the way `prisma migrate deploy` would, and
// records them in `_prisma_migrations` with the same columns and checksums, so a real Prisma
// CLI elsewhere agrees with what ran here. Shared by scripts/db-migrate.ts, the start scripts
// and /api/ready, so it talks to PostgreSQL through `pg` and does not import "server-only".
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file changed since. */
  modified: string[];
  /** Recorded as started but never finished (a failed run). */
  failed: string[];
}

const LOCK_KEY = 72707369; // pg_advisory_lock key Prisma itself uses for migrations

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma", "migrations");

export async function readMigrations(dir = defaultMigrationsDir()): Promise<MigrationFile[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Runs one SQL statement and returns its rows; lets Prisma or `pg` serve the status check. */
export type QueryRows = (sql: string) => Promise<Record<string, unknown>[]>;

export async function migrationStatus(query: QueryRows, dir?: string): Promise<MigrationStatus> {
  const files = await readMigrations(dir);
  const exists = await query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS ok`);
  const rows = (exists[0]?.ok
    ? await query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`)
    : []) as unknown as Row[];
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  return {
    applied: files.filter((f) => done.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !done.has(f.name)).map((f) => f.name),
    modified: files.filter((f) => done.has(f.name) && done.get(f.name) !== f.checksum).map((f) => f.name),
    failed: live.filter((r) => r.finished_at === null).map((r) => r.migration_name),
  };
}

export class MigrationError extends Error {}

/** Applies every pending migration, each in its own transaction, under an advisory lock. */
export async function migrate(
  connectionString: string,
  opts: { dir?: string; log?: (msg: string) => void } = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const status = await migrationStatus(async (sql) => (await client.query(sql)).rows, opts.dir);
    if (status.modified.length) {
      throw new MigrationError(
        `Applied migration(s) changed on disk: ${status.modified.join(", ")}. ` +
          "Restore the original files and add a new migration for the change.",
      );
    }
    if (status.failed.length) {
      throw new MigrationError(
        `Migration(s) started but never finished: ${status.failed.join(", ")}. ` +
          `Inspect the database, then delete their rows from "_prisma_migrations" to retry.`,
      );
    }
    const files = new Map((await readMigrations(opts.dir)).map((f) => [f.name, f]));
    const applied: string[] = [];
    for (const name of status.pending) {
      const file = files.get(name)!;
      const id = randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, file.checksum, name],
        );
        await client.query(file.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new MigrationError(`Migration ${name} failed: ${(err as Error).message}`);
      }
      applied.push(name);
      log(`applied migration ${name}`);
    }
    return { applied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

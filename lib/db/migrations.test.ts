// The migration runner: Prisma-compatible bookkeeping, one transaction per migration, an
// advisory lock against concurrent runners, and a refusal when an applied file changed.
import { createHash } from "node:crypto";
import { cp, mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, dropTestDatabase } from "@/scripts/lib/test-database";
import { migrate, migrationStatus, readMigrations } from "./migrations";

const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `mig_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const url = await createTestDatabase(name);
  created.push(name);
  return url;
}

async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "conduit-migrations-"));
  await cp("prisma/migrations", dir, { recursive: true });
  return dir;
}

afterAll(async () => {
  for (const name of created) await dropTestDatabase(name);
});

describe("migrate()", () => {
  it("records each migration with Prisma's columns and the sha256 of its file", async () => {
    const url = await freshDatabase();
    const { applied } = await migrate(url);
    const files = await readMigrations();
    expect(applied).toEqual(files.map((f) => f.name));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const rows = (await c.query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
    const cols = (
      await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = '_prisma_migrations'`)
    ).rows
      .map((r) => r.column_name)
      .sort();
    await c.end();
    expect(cols).toEqual([
      "applied_steps_count",
      "checksum",
      "finished_at",
      "id",
      "logs",
      "migration_name",
      "rolled_back_at",
      "started_at",
    ]);
    for (const [i, f] of files.entries()) {
      const sql = await readFile(path.join("prisma/migrations", f.name, "migration.sql"));
      expect(rows[i].migration_name).toBe(f.name);
      expect(rows[i].checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(rows[i].finished_at).toBeInstanceOf(Date);
      expect(rows[i].applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    const url = await freshDatabase();
    await migrate(url);
    expect((await migrate(url)).applied).toEqual([]);
  });

  it("applies each migration once when several runners start together", async () => {
    const url = await freshDatabase();
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate(url)));
    const files = await readMigrations();
    expect(runs.flatMap((r) => r.applied).sort()).toEqual(files.map((f) => f.name).sort());
  });

  it("refuses to run when an applied migration's file changed", async () => {
    const url = await freshDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, { dir });
    const first = (await readMigrations(dir))[0]!;
    await writeFile(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
    await expect(migrate(url, { dir })).rejects.toThrow(/changed on disk: .*init/);
  });

  it("rolls a failing migration back completely and reports it pending", async () => {
    const url = await freshDatabase();
    const dir = await copyOfMigrations();
    await mkdir(path.join(dir, "29990101000000_broken"));
    await writeFile(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "Half" (id int);\nSELECT no_such_function();\n`,
    );
    await expect(migrate(url, { dir })).rejects.toThrow(/29990101000000_broken failed/);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const half = await c.query(`SELECT to_regclass('"Half"') AS t`);
    const status = await migrationStatus(async (sql) => (await c.query(sql)).rows, dir);
    await c.end();
    expect(half.rows[0].t).toBeNull();
    expect(status.pending).toEqual(["29990101000000_broken"]);
    expect(status.failed).toEqual([]);
  });
});

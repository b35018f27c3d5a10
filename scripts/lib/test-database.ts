// Databases of a test file's own, on the run's server (scripts/lib/vitest-global-setup.ts). The
// app role may not create databases, so the superuser's URL creates them, owned by the role the
// tests connect as: what the tests then do (migrate, query) runs as that role, as the app does.
import pg from "pg";
import { inject } from "vitest";

async function asAdmin(sql: (c: pg.Client) => string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject("databaseAdminUrl") });
  await admin.connect();
  try {
    await admin.query(sql(admin));
  } finally {
    await admin.end();
  }
}

/** Creates database `name` owned by the run's app role; returns its URL (as that role). */
export async function createTestDatabase(name: string): Promise<string> {
  const url = new URL(inject("databaseUrl"));
  const owner = decodeURIComponent(url.username);
  await asAdmin(
    (c) => `CREATE DATABASE ${c.escapeIdentifier(name)}${owner ? ` OWNER ${c.escapeIdentifier(owner)}` : ""}`,
  );
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTestDatabase(name: string): Promise<void> {
  await asAdmin((c) => `DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
}

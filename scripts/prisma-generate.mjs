// Runs `prisma generate` on a machine that cannot download Prisma's schema engine.
// The generator only asks the engine binary for its version, so a tiny shim is enough.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = path.join(tmpdir(), "conduit-prisma-shim");
  const shim = path.join(dir, "schema-engine");
  if (!existsSync(shim)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(shim, '#!/bin/sh\necho "schema-engine-cli 0.0.0-shim"\n');
    chmodSync(shim, 0o755);
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = shim;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);

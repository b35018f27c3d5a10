// Makes sure the server has CONDUIT_SECRET_KEY. In production it must be configured; elsewhere
// a key is generated once into the data directory (with a warning) and reused on every start.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../lib/env";
import { parseKey } from "../../lib/secrets/crypto";

export function ensureSecretKey(log: (msg: string) => void): string {
  const config = env();
  if (config.CONDUIT_SECRET_KEY) {
    parseKey(config.CONDUIT_SECRET_KEY, "CONDUIT_SECRET_KEY");
    return config.CONDUIT_SECRET_KEY;
  }
  if (config.NODE_ENV === "production") {
    throw new Error(
      "CONDUIT_SECRET_KEY is required when NODE_ENV=production: it encrypts secret values at rest. " +
        "Generate one with `openssl rand -base64 32`, store it in your secret manager, and set it in the environment.",
    );
  }
  const file = path.join(config.CONDUIT_DATA_DIR, "secret-key");
  if (!existsSync(file)) {
    mkdirSync(config.CONDUIT_DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
    log(
      `WARNING: CONDUIT_SECRET_KEY is not set; generated a local key in ${file}. Set CONDUIT_SECRET_KEY in production.`,
    );
  } else {
    log(
      `WARNING: CONDUIT_SECRET_KEY is not set; using the local key in ${file}. Set CONDUIT_SECRET_KEY in production.`,
    );
  }
  const key = readFileSync(file, "utf8").trim();
  parseKey(key, file);
  return key;
}

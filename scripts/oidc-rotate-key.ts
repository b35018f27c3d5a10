// `npm run oidc:rotate-key`: rotates the OIDC signing key of CONDUIT_ACCOUNT_ID (the same
// logic as POST /api/oidc/keys/rotate, through lib/oidc/key-store.ts and its own Prisma client).
// Uses DATABASE_URL, or the embedded database when it is unset (stop `npm start` first then).
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "../lib/env";
import { PrismaClient } from "../lib/generated/prisma/client";
import { listKeys, rotateKey } from "../lib/oidc/key-store";
import { buildKeyring } from "../lib/secrets/crypto";
import { prepareDatabase } from "./lib/database";
import { ensureSecretKey } from "./lib/secret-key";

const log = (msg: string) => console.log(`[oidc:rotate-key] ${msg}`);

async function main() {
  const config = env();
  const secretKey = ensureSecretKey(log);
  const ring = buildKeyring(secretKey, (config.CONDUIT_SECRET_KEYS_PREVIOUS ?? "").split(",").filter(Boolean));
  const database = await prepareDatabase(log);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }) });
  try {
    const accountId = config.CONDUIT_ACCOUNT_ID;
    const r = await rotateKey({ db, keyring: () => ring }, accountId, {
      id: "cli:oidc-rotate-key",
      name: "npm run oidc:rotate-key",
      kind: "system",
    });
    log(
      `account ${accountId}: new active key ${r.kid}${r.previousKid ? `, retired ${r.previousKid}` : ""}${r.pruned ? `, deleted ${r.pruned} expired key(s)` : ""}`,
    );
    for (const k of await listKeys({ db, keyring: () => ring }, accountId)) {
      log(
        `  ${k.kid}  created ${k.createdAt}  ${k.active ? "active" : `retired ${k.retiredAt}, published until ${k.publishedUntil}`}`,
      );
    }
  } finally {
    await db.$disconnect();
    await database.embedded?.stop();
  }
}

main().catch((err) => {
  console.error(`[oidc:rotate-key] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

// The keyring from configuration. `npm start` provides CONDUIT_SECRET_KEY (generating a local
// one outside production); a server started without it refuses to handle secrets.
import "server-only";
import { env } from "@/lib/env";
import { buildKeyring, KeyError, type Keyring } from "./crypto";

let ring: Keyring | undefined;

export function keyring(): Keyring {
  if (!ring) {
    const { CONDUIT_SECRET_KEY, CONDUIT_SECRET_KEYS_PREVIOUS } = env();
    if (!CONDUIT_SECRET_KEY) {
      throw new KeyError(
        "CONDUIT_SECRET_KEY is not set: secrets cannot be encrypted. Start Conduit with `npm start`, or set the variable (`openssl rand -base64 32`).",
      );
    }
    ring = buildKeyring(CONDUIT_SECRET_KEY, (CONDUIT_SECRET_KEYS_PREVIOUS ?? "").split(",").filter(Boolean));
  }
  return ring;
}

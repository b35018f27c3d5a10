// Refuse to serve without the secret key, rather than failing on the first request that
// touches a secret. `npm start` provides a local key outside production.
import { env } from "./lib/env";

if (!env().CONDUIT_SECRET_KEY) {
  console.error(
    "[conduit] CONDUIT_SECRET_KEY is not set: refusing to start. Use `npm start` (it provides a local key outside production) or set CONDUIT_SECRET_KEY (`openssl rand -base64 32`).",
  );
  process.exit(1);
}

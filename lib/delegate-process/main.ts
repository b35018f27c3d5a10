// `npm run delegate`: a delegate process. It connects out to the console with a delegate token
// (CONDUIT_URL, CONDUIT_DELEGATE_TOKEN), registers under DELEGATE_NAME with DELEGATE_TAGS, and
// heartbeats until SIGTERM or SIGINT, when it says goodbye and exits.
import { logger } from "@/lib/logger";
import { readDelegateConfig } from "./config";
import { connectDelegate, TokenRefused } from "./connection";

async function main() {
  let config;
  try {
    config = readDelegateConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const log = logger.child({ delegate: config.name });
  const connection = connectDelegate(config, log);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await connection.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  try {
    await connection.done;
  } catch (err) {
    if (err instanceof TokenRefused) process.exit(3);
    throw err;
  }
}

void main();

// `npm run delegate`: a delegate process. It connects out to the console with a delegate token
// (CONDUIT_URL, CONDUIT_DELEGATE_TOKEN), registers under DELEGATE_NAME with DELEGATE_TAGS,
// heartbeats, and runs the tasks the console hands it until SIGTERM or SIGINT, when it says
// goodbye and exits.
import { resetEnvCache } from "@/lib/env";
import { logger } from "@/lib/logger";
import { readDelegateConfig } from "./config";
import { connectDelegate, TokenRefused } from "./connection";
import { runTaskLoop } from "./tasks";

async function main() {
  let config;
  try {
    config = readDelegateConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  // The delegate's tags are what a connector's selectors are checked against when it runs here.
  process.env.CONDUIT_DELEGATE_TAGS = config.tags.join(",");
  process.env.CONDUIT_DELEGATE_ID = config.name;
  resetEnvCache();
  const log = logger.child({ delegate: config.name });
  const running = new Set<string>();
  const connection = connectDelegate(config, log, running);
  const work = runTaskLoop({ connection, name: config.name, log, running, maxTasks: config.maxTasks });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await connection.stop();
    await work.catch(() => undefined);
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

// The console's HTTP server: Next.js behind Node's own http server, so that Conduit, not the
// client, decides what reaches the app:
// - lib/http/front-door.ts: a foreign Host → 421; X-Forwarded-For from the socket unless
//   CONDUIT_TRUSTED_PROXIES says proxies write it; the security headers on API answers.
// - Slow clients: headers must arrive within 20 s and the whole request within 30 s.
// - A request whose body was not read (413, 401, 429…) closes its connection after the answer, so
//   the rest of the body is never read.
// - SIGTERM/SIGINT: stop accepting, let running requests finish for up to 20 s, then exit.
// `npm start` (scripts/start.ts) and the e2e suite run it; `--dev` runs Next's dev server.
import http from "node:http";
import next from "next";
import { env } from "../lib/env";
import { frontDoor } from "../lib/http/front-door";

const dev = process.argv.includes("--dev");
const SHUTDOWN_GRACE_MS = 20_000;

async function main() {
  const config = env();
  const app = next({ dev, hostname: config.HOST, port: config.PORT, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();

  const site = { publicUrl: config.CONDUIT_PUBLIC_URL, port: config.PORT };
  const server = http.createServer((req, res) => {
    const door = frontDoor(req, site, config.CONDUIT_TRUSTED_PROXIES);
    if ("refuse" in door) {
      res.writeHead(door.refuse.status, { ...door.refuse.headers, connection: "close" }).end(door.refuse.body);
      return;
    }
    for (const [k, v] of Object.entries(door.headers)) res.setHeader(k, v);
    // An answer given before the body was read: close instead of draining what is left.
    res.on("finish", () => {
      if (!req.complete) req.socket.end();
    });
    void handle(req, res);
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  console.log(`[conduit] listening on ${config.HOST}:${config.PORT}${dev ? " (development)" : ""}`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("[conduit] stopping: no new connections; waiting for running requests");
    const force = setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(() => {
      void app.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(`[conduit] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

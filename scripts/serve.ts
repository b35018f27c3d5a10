// The console's HTTP server: Next.js behind Node's own http server, so that Conduit, not the
// client, decides what reaches the app:
// - lib/http/front-door.ts: a foreign Host → 421; a path that does not decode → 400; a method
//   Next does not know → the route's 405; X-Forwarded-For from the socket unless
//   CONDUIT_TRUSTED_PROXIES says proxies write it; the security headers on API answers.
// - Slow clients: headers must arrive within 20 s and the whole request within 30 s.
// - A request whose body was not read (413, 401, 429…) closes its connection after the answer, so
//   the rest of the body is never read.
// - SIGTERM/SIGINT: stop accepting and refuse new tests; running tests may finish for 14 s, then
//   end with a result line saying the console is stopping; then held test locks are let go, every
//   database pool is closed (lib/lifecycle.ts) and the process exits, within 20 s in all.
// `npm start` (scripts/start.ts) and the e2e suite run it; `--dev` runs Next's dev server.
import http from "node:http";
import next from "next";
import { env } from "../lib/env";
import { clientErrorAnswer, frontDoor } from "../lib/http/front-door";
import { closeResources, stopRuns } from "../lib/lifecycle";

const dev = process.argv.includes("--dev");
const SHUTDOWN_GRACE_MS = 20_000;
/** How long running tests may go on after SIGTERM before they are ended. */
const DRAIN_MS = 14_000;
/** For ended tests to write their result line, and for the pools to close. */
const END_RUNS_MS = 2_000;
const CLOSE_MS = 2_000;

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
    // An answer given before the body was read: close instead of draining what is left, and say so
    // in its headers (Connection: close), or the client sends its next request into a closed socket.
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
      if (!req.complete) res.shouldKeepAlive = false;
      return writeHead(...args);
    }) as typeof res.writeHead;
    res.on("finish", () => {
      if (!req.complete) req.socket.end();
    });
    void handle(req, res);
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  // A request Node could not read (bad method token or header, too large, too slow): Node's own
  // answer in problem+json, unless an answer is already under way.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    const busy = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code !== "ECONNRESET" && socket.writable && !busy) socket.write(clientErrorAnswer(err.code, site));
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  console.log(`[conduit] listening on ${config.HOST}:${config.PORT}${dev ? " (development)" : ""}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const t0 = Date.now();
    const since = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    console.log(`[conduit] ${signal}: stopping; no new connections or tests, running tests may finish`);
    const force = setTimeout(() => {
      console.log(`[conduit] still busy after ${since()}: closing what is left and exiting`);
      server.closeAllConnections();
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Connections kept alive between requests are closed as soon as they are idle.
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 250);
    void (async () => {
      const runs = await stopRuns({ drainMs: DRAIN_MS, endMs: END_RUNS_MS });
      if (runs.finished || runs.ended)
        console.log(`[conduit] tests: ${runs.finished} finished, ${runs.ended} ended (${since()})`);
      // Other requests are short; whatever is still open when the time for them is up is closed.
      const left = SHUTDOWN_GRACE_MS - 2 * CLOSE_MS - (Date.now() - t0);
      await Promise.race([closed, new Promise((r) => setTimeout(r, Math.max(0, left)))]);
      clearInterval(idle);
      server.closeAllConnections();
      const open = await closeResources(CLOSE_MS);
      console.log(
        `[conduit] test locks let go, database pools closed${open.length ? ` (still closing: ${open.join(", ")})` : ""} (${since()})`,
      );
      await Promise.race([app.close().catch(() => {}), new Promise((r) => setTimeout(r, 1_000))]);
      console.log(`[conduit] stopped after ${since()}`);
      process.exit(0);
    })();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(`[conduit] could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

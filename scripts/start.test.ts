// `npm start` end to end: embedded PostgreSQL in the data dir, console ready, clean stop on
// SIGINT (PostgreSQL too), data kept across a restart; and the production key rule.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "@/e2e/fixtures/app-server";
import { freePort } from "./lib/embedded-postgres";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let out = "";
  const { DATABASE_URL: _ignored, ...base } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, output: () => out, exited: new Promise((r) => child.once("exit", (code) => r(code))) };
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });

const ADMIN = { email: "admin@start.test", password: "start-test-password-1" };

/** Signs the first admin in through better-auth; returns the Cookie header to send. */
async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(ADMIN),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  expect(cookies.some((c) => c.startsWith("conduit.session_token="))).toBe(true);
  return cookies.join("; ");
}

describe("npm start", () => {
  it("refuses to start in production without CONDUIT_SECRET_KEY, saying why", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "conduit-start-"));
    dirs.push(dir);
    const run = start({ NODE_ENV: "production", CONDUIT_DATA_DIR: dir, CONDUIT_SECRET_KEY: "" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/CONDUIT_SECRET_KEY is required when NODE_ENV=production/);
  });

  it("serves the console on an embedded database, stops cleanly on SIGINT and keeps the data", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "conduit-start-"));
    await chmod(dir, 0o755);
    dirs.push(dir);
    const port = await freePort();
    const env = {
      PORT: String(port),
      CONDUIT_DATA_DIR: dir,
      NODE_ENV: "development",
      LOG_LEVEL: "warn",
      CONDUIT_SECRET_KEY: "",
      // The first start creates this Account Admin; the API answers only a signed-in caller.
      CONDUIT_ADMIN_EMAIL: ADMIN.email,
      CONDUIT_ADMIN_PASSWORD: ADMIN.password,
    };
    const base = `http://127.0.0.1:${port}`;

    const first = start(env);
    await waitFor(`${base}/api/ready`, 150_000);
    expect(first.output()).toMatch(/generated a local key/);
    const pgPort = Number(/PostgreSQL ready on 127\.0\.0\.1:(\d+)/.exec(first.output())?.[1]);
    expect(await portOpen(pgPort)).toBe(true);
    expect(first.output()).toMatch(/created the first Account Admin/);
    expect((await fetch(`${base}/api/orgs`)).status).toBe(401);
    const cookie = await signIn(base);
    const created = await fetch(`${base}/api/orgs`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: base },
      body: JSON.stringify({ identifier: "kept", name: "Kept" }),
    });
    expect(created.status).toBe(201);
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/stopping PostgreSQL/);
    expect(await portOpen(pgPort)).toBe(false);

    const second = start(env);
    await waitFor(`${base}/api/ready`, 60_000);
    expect(second.output()).toMatch(/using the local key/);
    // The session is kept with the data: the cookie from before the restart still signs in.
    const orgs = await (await fetch(`${base}/api/orgs`, { headers: { cookie } })).json();
    expect(orgs.items.map((o: { identifier: string }) => o.identifier)).toEqual(["default", "kept"]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 240_000);
});

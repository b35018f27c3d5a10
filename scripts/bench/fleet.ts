// `npm run bench:fleet`: periodic checks of many connectors through the delegate task queue, with
// 1, 2 and 4 delegates, in one run. The console (production build, embedded PostgreSQL, pg-boss)
// sweeps the due connectors, queues one check each, and the delegates (real `npm run delegate`
// processes) take them from the queue and run them against the AWS emulator, which adds 20 ms to
// every call. Printed: the time to check them all and the speed-up over one delegate.
// Targets: all connectors within 5 minutes with 4 delegates; speed-up ≥ 3× from 1 to 4.
// BENCH_CONNECTORS (default 10000) and BENCH_DELEGATES (default "1,2,4") change the run.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startAwsEmulator } from "../../e2e/fixtures/aws-emulator";
import { startAppServer } from "../../e2e/fixtures/app-server";
import { freePort } from "../lib/embedded-postgres";

const CONNECTORS = Number(process.env.BENCH_CONNECTORS ?? 10_000);
const FLEETS = (process.env.BENCH_DELEGATES ?? "1,2,4").split(",").map(Number);
const LATENCY_MS = 20;
// One task at a time per delegate: the delegates share this machine's CPU with the console,
// PostgreSQL and the emulator, so a delegate is held by its own capacity (as on a machine of its
// own) rather than by theirs. BENCH_DELEGATE_TASKS changes it (a delegate's default is 8).
const TASKS_PER_DELEGATE = Number(process.env.BENCH_DELEGATE_TASKS ?? 1);
const LIMIT_MS = 40 * 60_000;

async function main() {
  const emu = await startAwsEmulator();
  const user = emu.addUser({
    name: "fleet",
    accountId: "606060606060",
    allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
  });
  const app = await startAppServer({
    port: await freePort(),
    env: {
      ...emu.env(),
      LOG_LEVEL: "warn",
      CONDUIT_DELEGATE_HEARTBEAT_SECONDS: "2",
      CONDUIT_PERIODIC_CHECK_SWEEP_SECONDS: "1",
      // Not due until the bench says so.
      CONDUIT_PERIODIC_CHECK_MINUTES: "1440",
      // Every check goes to a registered delegate.
      CONDUIT_BUILTIN_DELEGATE: "false",
    },
  });
  const db = new pg.Client({ connectionString: app.db.url });
  db.on("error", () => undefined); // PostgreSQL stopping at the end
  await db.connect();
  const delegates: ChildProcess[] = [];
  try {
    const token = `cdd_${randomBytes(32).toString("base64url")}`;
    await db.query(
      `INSERT INTO "DelegateToken" (id, "accountId", name, "tokenHash", start, "createdBy") VALUES ($1, $2, 'fleet', $3, $4, 'bench')`,
      [
        randomUUID(),
        app.conduitEnv.CONDUIT_ACCOUNT_ID,
        createHash("sha256").update(token).digest("hex"),
        token.slice(0, 10),
      ],
    );
    // The connectors: the delegate's own identity, no selectors, checks due only when set so.
    await db.query(
      `INSERT INTO "Connector" (id, "accountId", identifier, name, "credentialType", region, spec, "updatedAt", "nextCheckAt")
       SELECT gen_random_uuid()::text, $1, 'fleet_' || i, 'fleet ' || i, 'InheritFromDelegate', 'us-east-1', $2::jsonb, now(), now() + interval '1 day'
         FROM generate_series(1, $3::int) AS i`,
      [
        app.conduitEnv.CONDUIT_ACCOUNT_ID,
        JSON.stringify({
          credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
          delegateSelectors: [],
          executeOnDelegate: true,
        }),
        CONNECTORS,
      ],
    );
    emu.faults.latency(LATENCY_MS);
    console.log(
      `\nFleet: ${CONNECTORS} connectors, ${LATENCY_MS} ms per AWS call, ${TASKS_PER_DELEGATE} tasks at once per delegate, ${os.cpus().length} CPUs\n`,
    );

    const results: {
      delegates: number;
      seconds: number;
      cpu: { console: number; postgres: number; delegates: number };
    }[] = [];
    for (const n of FLEETS) {
      await db.query(`DELETE FROM "DelegateTask"`);
      await db.query(`DELETE FROM "ConnectorTest"`);
      await db.query(`UPDATE "Connector" SET "healthStatus" = NULL, "healthSince" = NULL`);
      for (let i = 0; i < n; i++)
        delegates.push(
          spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/delegate-process/main.ts"], {
            stdio: process.env.BENCH_VERBOSE ? "inherit" : "ignore",
            env: {
              PATH: process.env.PATH,
              NODE_ENV: "production",
              LOG_LEVEL: "warn",
              CONDUIT_URL: app.baseUrl,
              CONDUIT_DELEGATE_TOKEN: token,
              DELEGATE_NAME: `fleet-${n}-${i}`,
              DELEGATE_MAX_TASKS: String(TASKS_PER_DELEGATE),
              CONDUIT_EGRESS_ALLOW: "127.0.0.1/32",
              ...emu.env(),
              AWS_ACCESS_KEY_ID: user.accessKeyId,
              AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
            },
          }),
        );
      await until(
        async () =>
          Number(
            (
              await db.query(
                `SELECT count(*) FROM "Delegate" WHERE name LIKE $1 AND "lastHeartbeatAt" > now() - interval '5 seconds'`,
                [`fleet-${n}-%`],
              )
            ).rows[0].count,
          ) === n,
        60_000,
      );

      const cpu0 = {
        console: cpuMs(app.pid),
        postgres: postgresCpuMs(app.dataDir),
        delegates: delegates.reduce((sum, d) => sum + cpuMs(d.pid!), 0),
      };
      const xacts = async () =>
        Number((await db.query(`SELECT sum(xact_commit + xact_rollback) AS n FROM pg_stat_database`)).rows[0].n);
      const xact0 = await xacts();
      const t0 = performance.now();
      await db.query(`UPDATE "Connector" SET "nextCheckAt" = now() WHERE identifier LIKE 'fleet_%'`);
      let last = 0;
      await until(async () => {
        const done = Number(
          (await db.query(`SELECT count(*) FROM "Connector" WHERE "healthStatus" IS NOT NULL`)).rows[0].count,
        );
        if (done - last >= CONNECTORS / 10 || done === CONNECTORS) {
          console.log(
            `  ${n} delegate${n > 1 ? "s" : ""}: ${done} checked after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
          );
          last = done;
        }
        return done === CONNECTORS;
      }, LIMIT_MS);
      const seconds = (performance.now() - t0) / 1000;
      const failing = Number(
        (await db.query(`SELECT count(*) FROM "Connector" WHERE "healthStatus" = 'failing'`)).rows[0].count,
      );
      if (failing) throw new Error(`${failing} checks failed: the figures would not be of successful checks`);
      const perCheck = (ms: number) => ms / CONNECTORS;
      const xactPerCheck = (await xacts()) - xact0;
      const cpu = {
        console: perCheck(cpuMs(app.pid) - cpu0.console),
        postgres: perCheck(postgresCpuMs(app.dataDir) - cpu0.postgres),
        delegates: perCheck(delegates.reduce((sum, d) => sum + cpuMs(d.pid!), 0) - cpu0.delegates),
      };
      // Where a check's time goes: waiting in the queue, on the delegate, and the test itself.
      const times = (
        await db.query(
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t."startedAt" - t."createdAt")) * 1000 AS queued,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t."finishedAt" - t."startedAt")) * 1000 AS taken,
                  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY "durationMs") FROM "ConnectorTest") AS test
             FROM "DelegateTask" t WHERE t.status = 'done'`,
        )
      ).rows[0] as { queued: number; taken: number; test: number };
      console.log(
        `  median per check: ${Math.round(times.queued)} ms queued, ${Math.round(times.taken)} ms from acquire to result, of which the test ${Math.round(times.test)} ms; ${(xactPerCheck / CONNECTORS).toFixed(1)} PostgreSQL transactions per check`,
      );
      results.push({ delegates: n, seconds, cpu });
      for (const d of delegates.splice(0)) d.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 3000));
    }

    const base = results[0]!.seconds;
    console.log(
      `\n| Delegates | All ${CONNECTORS} checked | Checks/s | Speed-up | CPU per check: console | PostgreSQL | delegates |`,
    );
    console.log("|---|---|---|---|---|---|---|");
    for (const r of results)
      console.log(
        `| ${r.delegates} | ${r.seconds.toFixed(1)} s | ${(CONNECTORS / r.seconds).toFixed(0)} | ${(base / r.seconds).toFixed(2)}× | ${r.cpu.console.toFixed(1)} ms | ${r.cpu.postgres.toFixed(1)} ms | ${r.cpu.delegates.toFixed(1)} ms |`,
      );
    const four = results.find((r) => r.delegates === 4);
    if (four) {
      console.log(
        `\nTarget: all within 300 s with 4 delegates: ${four.seconds <= 300 ? "met" : "NOT met"} (${four.seconds.toFixed(1)} s)`,
      );
      const speedup = base / four.seconds;
      console.log(
        `Target: speed-up ≥ 3× from 1 to 4 delegates: ${speedup >= 3 ? "met" : "NOT met"} (${speedup.toFixed(2)}×)`,
      );
    }
  } finally {
    for (const d of delegates) d.kill("SIGKILL");
    await db.end();
    await app.stop();
    await emu.close();
  }
}

/** CPU time (ms) of a process, with its reaped children's when asked; 0 once it is gone. */
function cpuMs(pid: number, withChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const f = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    const ticks = f[11]! + f[12]! + (withChildren ? f[13]! + f[14]! : 0);
    return ticks * 10; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** PostgreSQL's CPU time: the postmaster with the backends it reaped, and the live ones. */
function postgresCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let total = cpuMs(postmaster, true);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === postmaster) total += cpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function until(ok: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

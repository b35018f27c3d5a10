// `npm run bench:test-connection`: the test endpoint's latency against the same AWS calls made
// directly with the SDK, in one run, against the emulator with a fixed 20 ms latency per call.
// Target: endpoint p50 / direct p50 ≤ 1.15. Also printed, to show where the difference goes: the
// cost of any request to the console (GET /api/health) and the same comparison at 60 ms per call.
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient, SimulatePrincipalPolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startAwsEmulator } from "../../e2e/fixtures/aws-emulator";
import { startAppServer } from "../../e2e/fixtures/app-server";
import { freePort } from "../lib/embedded-postgres";
import { BENCH_ADMIN, benchAuthorization, printTable, summarize } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const LATENCY_MS = 20;
const REALISTIC_MS = 60;
const ACTIONS = ["ec2:DescribeRegions", "eks:ListClusters", "eks:DescribeCluster"];

async function main() {
  const emu = await startAwsEmulator();
  const user = emu.addUser({
    name: "bench",
    accountId: "101010101010",
    allow: [...ACTIONS, "iam:SimulatePrincipalPolicy"],
  });
  const app = await startAppServer({
    port: await freePort(),
    env: {
      ...emu.env(),
      LOG_LEVEL: "warn",
      CONDUIT_ADMIN_EMAIL: BENCH_ADMIN.email,
      CONDUIT_ADMIN_PASSWORD: BENCH_ADMIN.password,
    },
  });
  Object.assign(process.env, emu.env());
  try {
    // Every call carries an API token, as a pipeline's would: authentication is part of the cost.
    const auth = await benchAuthorization(app.baseUrl);
    const post = (path: string, body: unknown) =>
      fetch(`${app.baseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: JSON.stringify(body),
      });
    await post("/api/secrets", { identifier: "bench_sk", name: "bench_sk", value: user.secretAccessKey });
    const created = await post("/api/connectors", {
      name: "bench",
      identifier: "bench",
      spec: {
        credential: {
          type: "ManualConfig",
          spec: { accessKey: user.accessKeyId, secretKeyRef: "bench_sk" },
          region: "us-east-1",
        },
      },
    });
    if (created.status !== 201) throw new Error(`could not create the connector: ${await created.text()}`);

    const endpoint = async () => {
      const t0 = performance.now();
      const res = await fetch(`${app.baseUrl}/api/connectors/bench/test`, { method: "POST", headers: auth });
      const text = await res.text();
      const ms = performance.now() - t0;
      if (!text.includes('"status":"SUCCESS"')) throw new Error(`test did not succeed: ${text.slice(-300)}`);
      return ms;
    };
    // The same calls with the same dependencies: identity → permissions, in parallel with regions.
    const direct = async () => {
      const t0 = performance.now();
      const cfg = {
        region: "us-east-1",
        credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
      };
      const sts = new STSClient(cfg),
        ec2 = new EC2Client(cfg),
        iam = new IAMClient(cfg);
      await Promise.all([
        sts
          .send(new GetCallerIdentityCommand({}))
          .then((id) =>
            iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: id.Arn, ActionNames: ACTIONS })),
          ),
        ec2.send(new DescribeRegionsCommand({})),
      ]);
      const ms = performance.now() - t0;
      sts.destroy();
      ec2.destroy();
      iam.destroy();
      return ms;
    };

    const health = async () => {
      const t0 = performance.now();
      await (await fetch(`${app.baseUrl}/api/health`)).text();
      return performance.now() - t0;
    };

    for (let i = 0; i < 5; i++) {
      await endpoint();
      await direct();
      await health();
    } // warm-up, untimed
    const measure = async (latency: number) => {
      emu.faults.latency(latency);
      const a: number[] = [],
        b: number[] = [],
        h: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        a.push(await endpoint());
        b.push(await direct());
        h.push(await health());
      } // interleaved
      const e = summarize("POST /api/connectors/:id/test (HTTP, NDJSON)", a);
      const d = summarize("same AWS calls, SDK directly", b);
      console.log(`\nConnection test latency, ${RUNS} runs each, emulator latency ${latency} ms per call\n`);
      printTable([e, d, summarize("GET /api/health (any request's own cost)", h)]);
      return { r50: e.p50 / d.p50, r95: e.p95 / d.p95, overhead: e.p50 - d.p50 };
    };
    const main = await measure(LATENCY_MS);
    console.log(
      `\nratio endpoint/direct: p50 ${main.r50.toFixed(2)} · p95 ${main.r95.toFixed(2)} · p50 difference ${main.overhead.toFixed(1)} ms (target p50 ≤ 1.15) → ${main.r50 <= 1.15 ? "MET" : "NOT MET"}`,
    );
    const real = await measure(REALISTIC_MS);
    console.log(
      `\nat ${REALISTIC_MS} ms per call: ratio p50 ${real.r50.toFixed(2)} · p95 ${real.r95.toFixed(2)} · p50 difference ${real.overhead.toFixed(1)} ms`,
    );
  } finally {
    await app.stop();
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// `npm run bench:clusters`: all-region EKS cluster discovery against one single-region call and
// against a sequential region-by-region loop, all through lib/eks/clusters.ts, in one run with
// interleaved samples, against the emulator adding 100 ms to every call in every region.
// Target: all-region p50 ≤ 2 × one-region p50.
import { startAwsEmulator } from "../../e2e/fixtures/aws-emulator";
import { connectorCallOptions } from "../../lib/connectors/aws-calls";
import type { ConnectorInput } from "../../lib/connectors/schemas";
import {
  clearLookupCache,
  listConnectorClusters,
  listConnectorRegions,
  type LookupSession,
} from "../../lib/eks/clusters";
import { printTable, summarize } from "./lib";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const LATENCY_MS = 100;
const ACCOUNT = "202020202020";

async function main() {
  const emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  const user = emu.addUser({ name: "bench", accountId: ACCOUNT, allow: ["ec2:DescribeRegions", "eks:ListClusters"] });
  try {
    // The session a stored connector with access keys gets (lib/connectors/session.ts builds the same call options).
    const spec = {
      credential: { type: "ManualConfig", region: "us-east-1" },
      delegateSelectors: [],
      executeOnDelegate: true,
    } as unknown as ConnectorInput["spec"];
    const credentials = { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
    const session: LookupSession = {
      connector: { id: "bench", version: 1 },
      partition: "aws",
      defaultRegion: "us-east-1",
      callOptions: (region, o = {}) =>
        connectorCallOptions(spec, { region, credentials, callTimeoutMs: o.callTimeoutMs ?? 10_000, signal: o.signal }),
    };
    const regions = (await listConnectorRegions(session, { cache: false })).regions.map((r) => r.name);
    for (const [i, region] of regions.entries())
      for (let c = 0; c < 3; c++) emu.addCluster({ region, name: `bench-${i}-${c}`, accountId: ACCOUNT });

    const time = async (fn: () => Promise<{ clusters: unknown[] }>, expected: number) => {
      const t0 = performance.now();
      const r = await fn();
      const ms = performance.now() - t0;
      if (r.clusters.length !== expected) throw new Error(`expected ${expected} clusters, got ${r.clusters.length}`);
      return ms;
    };
    const total = regions.length * 3;
    // The form's path: the region select already loaded the regions (kept 30 s), so only the fan-out is timed.
    const allWarm = async () => {
      clearLookupCache();
      await listConnectorRegions(session);
      return time(() => listConnectorClusters(session), total);
    };
    const allCold = () => (clearLookupCache(), time(() => listConnectorClusters(session, { cache: false }), total));
    const allBound8 = async () => {
      clearLookupCache();
      await listConnectorRegions(session);
      return time(() => listConnectorClusters(session, { concurrency: 8 }), total);
    };
    const one = () => time(() => listConnectorClusters(session, { region: "eu-west-1", cache: false }), 3);
    const sequential = () =>
      time(async () => {
        const clusters: unknown[] = [];
        for (const region of regions)
          clusters.push(...(await listConnectorClusters(session, { region, cache: false })).clusters);
        return { clusters };
      }, total);

    const runs = { allWarm, allCold, allBound8, one, sequential };
    for (let i = 0; i < 3; i++) for (const fn of Object.values(runs)) await fn(); // warm-up, untimed
    emu.faults.latency(LATENCY_MS);
    const samples: Record<keyof typeof runs, number[]> = {
      allWarm: [],
      allCold: [],
      allBound8: [],
      one: [],
      sequential: [],
    };
    for (let i = 0; i < RUNS; i++)
      for (const [k, fn] of Object.entries(runs)) samples[k as keyof typeof runs].push(await fn()); // interleaved

    const rows = {
      allWarm: summarize(`all ${regions.length} regions (regions list cached)`, samples.allWarm),
      allCold: summarize("all regions + DescribeRegions (cold)", samples.allCold),
      allBound8: summarize("all regions, concurrency 8", samples.allBound8),
      one: summarize("one region (eu-west-1)", samples.one),
      sequential: summarize("region by region, sequential", samples.sequential),
    };
    console.log(
      `\nEKS cluster discovery, ${RUNS} runs each, emulator latency ${LATENCY_MS} ms per call, ${regions.length} enabled regions, ${total} clusters\n`,
    );
    printTable(Object.values(rows));
    const ratio = (a: { p50: number }, b: { p50: number }) => (a.p50 / b.p50).toFixed(2);
    const target = rows.allWarm.p50 / rows.one.p50;
    console.log(
      `\nall-region / one region:   p50 ${ratio(rows.allWarm, rows.one)} (cold: ${ratio(rows.allCold, rows.one)}, concurrency 8: ${ratio(rows.allBound8, rows.one)})`,
    );
    console.log(
      `sequential / all-region:   p50 ${ratio(rows.sequential, rows.allWarm)} (sequential / one region: ${ratio(rows.sequential, rows.one)})`,
    );
    console.log(
      `target all-region ≤ 2 × one region (p50, regions list cached as in the form) → ${target <= 2 ? "MET" : "NOT MET"}`,
    );
  } finally {
    await emu.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

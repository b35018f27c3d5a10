// Integration through the route handlers (PostgreSQL, the AWS emulator): request limits per
// principal and per scope for connection tests, the lookup limit with a search of every region
// counting more, and the cap on tests one principal may run at once. Low limits come from the
// environment (lib/env.ts), set before the first request of this file.
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { POST as testSaved } from "@/app/api/connectors/[identifier]/test/route";
import { POST as testUnsaved } from "@/app/api/connectors/test/route";
import { GET as describeCluster } from "@/app/api/aws/eks/cluster/route";
import { GET as getClusters } from "@/app/api/aws/eks/clusters/route";
import { GET as getKubeconfig } from "@/app/api/aws/eks/kubeconfig/route";
import { GET as getNamespaces } from "@/app/api/aws/eks/namespaces/route";
import { GET as getRegions } from "@/app/api/aws/regions/route";
import { startAwsEmulator, type AwsEmulator, type UserInfo } from "@/e2e/fixtures/aws-emulator";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { createConnector } from "@/lib/connectors/service";
import { acquireTestLock } from "@/lib/db/locks";
import { clearLookupCache } from "@/lib/eks/clusters";
import { resetEnvCache } from "@/lib/env";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import { createSecret } from "@/lib/secrets/service";
import { principal, type TestPrincipal } from "@/scripts/lib/test-principals";
import { ALL_REGIONS_LOOKUP_COST } from "./index";

const ACCOUNT = "515151515151";
const suffix = Date.now().toString(36);
const ORG = `limits_${suffix}`;
const PROJECTS = ["p1", "p2", "p3", "p4", "p5"] as const;
type Project = (typeof PROJECTS)[number];
const by = { id: "test", name: "Test", kind: "system" } as const;
const LIMITS = {
  CONDUIT_LIMIT_TESTS_PER_PRINCIPAL: "4/600",
  CONDUIT_LIMIT_TESTS_PER_SCOPE: "6/600",
  CONDUIT_LIMIT_LOOKUPS_PER_PRINCIPAL: "12/600",
  CONDUIT_MAX_CONCURRENT_TESTS_PER_PRINCIPAL: "2",
};
const saved = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, process.env[k]]));

let emu: AwsEmulator;
let user: UserInfo;

const connectorInput = (identifier: string, secretRef: string): ConnectorInput =>
  accessKeyConnector(identifier, { accessKey: user.accessKeyId, secretKeyRef: secretRef });

/** An Editor of the whole org (every project of this file): tests and lookups need `connector:test`. */
const editor = () => principal({ grants: [{ role: "editor", org: ORG }] });

const url = (path: string, project: Project, query: Record<string, string> = {}) =>
  `http://localhost${path}?${new URLSearchParams({ org: ORG, project, ...query })}`;

const runSaved = (who: TestPrincipal, project: Project, identifier: string) =>
  testSaved(
    new NextRequest(url(`/api/connectors/${identifier}/test`, project), { method: "POST", headers: who.headers }),
    {
      params: Promise.resolve({ identifier }),
    },
  );

const runUnsaved = (who: TestPrincipal, project: Project) =>
  testUnsaved(
    new NextRequest(url("/api/connectors/test", project), {
      method: "POST",
      headers: { ...who.headers, "content-type": "application/json" },
      body: JSON.stringify(connectorInput(`unsaved_${suffix}`, "sk")),
    }),
    { params: Promise.resolve({}) },
  );

const lookup = (handler: typeof getRegions, path: string, who: TestPrincipal, query: Record<string, string> = {}) =>
  handler(new NextRequest(url(path, "p5", { connectorRef: "c1", ...query }), { headers: who.headers }), {
    params: Promise.resolve({}),
  });

/** A test that ran to its result line. */
async function expectRan(res: Response) {
  expect(res.status).toBe(200);
  const last = JSON.parse((await res.text()).trim().split("\n").at(-1)!) as { type: string };
  expect(last.type).toBe("result");
}

async function expectLimited(res: Response, limit: string) {
  expect(res.status).toBe(429);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  const body = (await res.json()) as { code: string; detail: string; extra: { limit: string } };
  expect(body).toMatchObject({ code: "RATE_LIMITED", extra: { limit } });
  return { retryAfter, detail: body.detail };
}

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env(), LIMITS);
  resetEnvCache();
  user = emu.addUser({
    name: `limits-${suffix}`,
    accountId: ACCOUNT,
    allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
  });
  emu.addCluster({ region: "us-east-1", name: "shop", accountId: ACCOUNT });
  await createOrganization({ input: { identifier: ORG, name: "Limits", description: "" }, by });
  for (const project of PROJECTS) {
    await createProject({ orgIdentifier: ORG, input: { identifier: project, name: project, description: "" }, by });
    const scope = await resolveScope({ org: ORG, project });
    await createSecret({
      scope,
      input: { identifier: "sk", name: "sk", description: "", tags: {}, value: user.secretAccessKey },
      by,
    });
    for (const c of ["c1", "c2", "c3"]) await createConnector({ scope, input: connectorInput(c, "sk"), by });
  }
});
afterEach(() => {
  emu.faults.clear();
  clearLookupCache();
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  await emu.close();
});

describe("connection tests per principal and per scope", () => {
  it("the 5th test of a principal in the window is refused with Retry-After; another principal still tests", async () => {
    const [a, b] = await Promise.all([editor(), editor()]);
    for (let i = 0; i < 4; i++) await expectRan(await runSaved(a, "p1", "c1"));
    const refused = await expectLimited(await runSaved(a, "p1", "c1"), "tests-per-principal");
    expect(refused.retryAfter).toBeLessThanOrEqual(600);
    expect(refused.detail).toMatch(/^Too many connection tests: you may start 4 every 10 minutes; try again in \d+/);
    // Saved and unsaved tests share the count, and the limit answers before the body is read.
    await expectLimited(await runUnsaved(a, "p1"), "tests-per-principal");
    await expectRan(await runSaved(b, "p1", "c2"));
    await expectRan(await runUnsaved(b, "p1"));
  });

  it("everyone in a project shares its limit; another project keeps its own", async () => {
    const [c, d, e] = await Promise.all([editor(), editor(), editor()]);
    for (let i = 0; i < 4; i++) await expectRan(await runSaved(c, "p2", "c1"));
    for (let i = 0; i < 2; i++) await expectRan(await runSaved(d, "p2", "c2"));
    // e has tested nothing yet, but the project has had its 6.
    const refused = await expectLimited(await runSaved(e, "p2", "c3"), "tests-per-scope");
    expect(refused.detail).toContain(`in project "p2" in org "${ORG}": everyone together may start 6`);
    await expectRan(await runSaved(e, "p3", "c3"));
    // A principal over its own limit is refused as such, and is not counted against the project.
    await expectLimited(await runSaved(c, "p3", "c1"), "tests-per-principal");
  });
});

describe("tests running at once", () => {
  it("a principal's third concurrent test is refused while another principal's runs; a finished one frees a slot", async () => {
    const [f, g] = await Promise.all([editor(), editor()]);
    // Slow AWS down so the first two tests are still running.
    emu.faults.latency(1500, { action: "GetCallerIdentity" });
    const first = await runSaved(f, "p4", "c1");
    const second = await runSaved(f, "p4", "c2");
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await runSaved(f, "p4", "c3");
    expect(third.headers.get("retry-after")).toBe("5");
    const { detail } = await expectLimited(third, "principal-busy");
    expect(detail).toBe("You already have 2 tests running; wait for one to finish.");
    // GitOps cluster tests take the same slots.
    expect(await acquireTestLock(`gitops-cluster:limits-${suffix}`, f.actor)).toEqual({
      refused: "principal-busy",
      max: 2,
    });
    // Another principal is not held back, even on the connector f was refused (nothing stayed locked).
    const other = await runSaved(g, "p4", "c3");
    await Promise.all([expectRan(first), expectRan(second), expectRan(other)]);
    emu.faults.clear();
    await expectRan(await runSaved(f, "p4", "c3"));
  });
});

describe("AWS lookups per principal", () => {
  it(`a search of every region counts ${ALL_REGIONS_LOOKUP_COST}; past 12 points every lookup route answers 429`, async () => {
    const [l, m] = await Promise.all([editor(), editor()]);
    expect((await lookup(getClusters, "/api/aws/eks/clusters", l)).status).toBe(200); // 10
    expect((await lookup(getRegions, "/api/aws/regions", l)).status).toBe(200); // 11
    expect((await lookup(getClusters, "/api/aws/eks/clusters", l, { region: "us-east-1" })).status).toBe(200); // 12
    const refused = await expectLimited(await lookup(getRegions, "/api/aws/regions", l), "lookups-per-principal");
    expect(refused.detail).toMatch(
      /^Too many AWS lookups: you may make 12 every 10 minutes \(a search of every region/,
    );
    const cluster = { cluster: "shop", region: "us-east-1" };
    for (const [handler, path] of [
      [getNamespaces, "/api/aws/eks/namespaces"],
      [getKubeconfig, "/api/aws/eks/kubeconfig"],
      [describeCluster, "/api/aws/eks/cluster"],
    ] as const)
      await expectLimited(await lookup(handler, path, l, cluster), "lookups-per-principal");

    // Another principal has its own count: 2 single lookups, then a search of every region fits
    // exactly, and nothing more does.
    expect((await lookup(getRegions, "/api/aws/regions", m)).status).toBe(200);
    expect((await lookup(getRegions, "/api/aws/regions", m)).status).toBe(200);
    expect((await lookup(getClusters, "/api/aws/eks/clusters", m)).status).toBe(200);
    await expectLimited(await lookup(describeCluster, "/api/aws/eks/cluster", m, cluster), "lookups-per-principal");
  });
});

describe("which routes are limited", () => {
  it("every connection test route counts as a test, every AWS lookup route as a lookup", async () => {
    const api = path.join(process.cwd(), "app", "api");
    const files = readdirSync(api, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
    const want = (f: string) =>
      f.startsWith(`aws${path.sep}`)
        ? "lookup"
        : /(^|\/)test\/route\.ts$/.test(f.split(path.sep).join("/"))
          ? "test"
          : null;
    const limited = files.filter((f) => want(f) !== null);
    expect(limited.length).toBeGreaterThanOrEqual(8);
    for (const f of limited) {
      const mod = (await import(path.join(api, f))) as Record<string, { limit?: string } | undefined>;
      const method = want(f) === "test" ? "POST" : "GET";
      expect(mod[method]?.limit, `${f} ${method}`).toBe(want(f));
    }
  });
});

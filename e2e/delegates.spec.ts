// Delegates (issue 18): an admin creates a delegate token on the Delegates page and starts a real
// delegate process with the command it shows; the page lists it as connected with its tags; the
// wizard's delegate step counts the connected delegates its selectors match and warns at none; a
// delegate killed outright shows as disconnected, one stopped gracefully as stopped; a revoked
// token is refused and the process ends; a delegate token opens nothing else in the API. Connector
// tests, periodic checks, lookups, "Import from EKS" and GitOps cluster tests run on the delegate
// the connector's selectors match, with its own identity.
import { expect, screenshotPath, test, type Page } from "./fixtures/test";
import { freePort } from "../scripts/lib/embedded-postgres";
import { E2E_ACCOUNT_ID, startAppInstance } from "./fixtures/app-server";
import { anonymousApi } from "./fixtures/auth";
import { aws } from "./fixtures/aws";
import { createAccessKeyConnector } from "./fixtures/connectors";
import { startDelegate, type RunningDelegate } from "./fixtures/delegate";
import { queryRows } from "./fixtures/db";
import { fakeKube } from "./fixtures/fake-kubernetes";
import { irsaClusterSpec, setUpGitopsChain } from "./fixtures/gitops-chain";

const suffix = Date.now().toString(36);
const running: RunningDelegate[] = [];

// Gracefully: a stopped delegate takes no more work at once (a killed one would count as
// connected for three more heartbeats, and the next spec's tests would wait for it).
test.afterAll(async () => {
  for (const d of running) d.signal("SIGTERM");
  await Promise.all(running.map((d) => d.exited));
});

function row(page: Page, name: string) {
  return page.getByRole("table", { name: "Delegates" }).getByRole("row").filter({ hasText: name });
}

async function createToken(page: Page, tokenName: string, delegateName: string, tags: string) {
  await page.getByRole("button", { name: "New delegate token" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New delegate token" });
  await dialog.getByLabel("Token name").fill(tokenName);
  await dialog.getByLabel("Delegate name").fill(delegateName);
  await dialog.getByLabel("Delegate tags").fill(tags);
  await dialog.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: "Start a delegate" });
  const token = (await shown.getByLabel("Delegate token", { exact: true }).textContent())!.trim();
  expect(token).toMatch(/^cdd_[\w-]{40,}$/);
  const npm = shown.getByLabel("Start it with npm", { exact: true });
  await expect(npm).toContainText(`export CONDUIT_DELEGATE_TOKEN=${token}`);
  await expect(npm).toContainText(`export DELEGATE_TAGS=${tags}`);
  await expect(shown.getByLabel("Start it in Docker", { exact: true })).toContainText(
    `-e DELEGATE_NAME=${delegateName}`,
  );
  return { token, dialog: shown };
}

test("a delegate started with a token from the page connects, is matched by selectors, and disconnects when killed", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  const nameA = `dlg-a-${suffix}`;
  const tagA = `team-a-${suffix}`;

  await page.goto("/connectors");
  // An Account Admin finds the page in the sidebar.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Delegates" }).click();
  await expect(page).toHaveURL(/\/delegates/);
  await expect(page.getByRole("heading", { level: 1, name: "Delegates" })).toBeVisible();
  // The console's own delegate, while it is on.
  await expect(row(page, "conduit-server")).toContainText("Built in");
  await expect(row(page, "conduit-server")).toContainText("Connected");

  const { token, dialog } = await createToken(page, `token-a-${suffix}`, nameA, `${tagA},shared-${suffix}`);
  await page.screenshot({ path: screenshotPath("delegates-token.png") });
  await dialog.getByRole("button", { name: "Done, I have copied it" }).click();
  expect(
    (await queryRows(`SELECT "tokenHash" FROM "DelegateToken" WHERE name = $1`, [`token-a-${suffix}`]))[0],
  ).not.toEqual({ tokenHash: token });

  // A delegate token opens nothing but the delegate protocol.
  const anon = await anonymousApi(playwright);
  const refused = await anon.get("/api/connectors", { headers: { authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);

  const a = startDelegate({ token, name: nameA, tags: [tagA, `shared-${suffix}`] });
  running.push(a);
  await expect.poll(a.output, { timeout: 30_000 }).toContain("delegate registered");
  await expect(row(page, nameA)).toContainText("Connected", { timeout: 15_000 });
  await expect(row(page, nameA)).toContainText(tagA);
  await expect(row(page, nameA)).toContainText("0.1.0");
  const [stored] = await queryRows<{ tags: string[]; version: string }>(
    `SELECT tags, version FROM "Delegate" WHERE name = $1`,
    [nameA],
  );
  expect(stored).toEqual({ tags: [tagA, `shared-${suffix}`], version: "0.1.0" });
  await page.screenshot({ path: screenshotPath("delegates.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("delegates-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 860 });

  // The wizard counts the connected delegates the selectors match, as they are typed.
  await page.goto("/connectors/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(`Delegated ${suffix}`);
  await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("radio", { name: "Assume IAM role on delegate" }).check();
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: /^Next/ }).click();
  await page.getByRole("radio", { name: "Only delegates with all of these tags" }).check();
  const selectors = page.getByRole("textbox", { name: "Delegate selectors" });
  await selectors.fill(tagA);
  await selectors.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "1 connected delegate matches" })).toContainText(nameA);
  await selectors.fill(`nobody-${suffix}`);
  await selectors.press("Enter");
  const warning = page.getByText("No connected delegate matches");
  await expect(warning).toBeVisible();
  await page.screenshot({ path: screenshotPath("wizard-delegates-none.png"), fullPage: true });
  await page.getByRole("button", { name: `Remove delegate selector nobody-${suffix}` }).click();
  await expect(warning).toBeHidden();

  // Killed outright (its machine died): three missed heartbeats and it is disconnected.
  a.signal("SIGKILL");
  await a.exited;
  await expect(page.getByText("No connected delegate matches")).toBeVisible({ timeout: 15_000 });
  await page.goto("/delegates");
  await expect(row(page, nameA)).toContainText("Disconnected");
  await anon.dispose();
});

test("a delegate stopped gracefully says goodbye; a revoked token is refused and the process ends", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const nameB = `dlg-b-${suffix}`;
  await page.goto("/delegates");
  const { token, dialog } = await createToken(page, `token-b-${suffix}`, nameB, `team-b-${suffix}`);
  await dialog.getByRole("button", { name: "Done, I have copied it" }).click();

  const b = startDelegate({ token, name: nameB, tags: [`team-b-${suffix}`] });
  running.push(b);
  await expect(row(page, nameB)).toContainText("Connected", { timeout: 30_000 });
  b.signal("SIGTERM");
  await b.exited;
  expect(b.output()).toContain("delegate stopped");
  await expect(row(page, nameB)).toContainText("Stopped", { timeout: 15_000 });

  // Started again, then its token revoked: the next heartbeat is refused and the process exits.
  const again = startDelegate({ token, name: nameB, tags: [`team-b-${suffix}`] });
  running.push(again);
  await expect(row(page, nameB)).toContainText("Connected", { timeout: 30_000 });
  const tokens = page.getByRole("table", { name: "Delegate tokens" });
  await tokens.getByRole("button", { name: `Revoke delegate token token-b-${suffix}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(tokens.getByRole("row").filter({ hasText: `token-b-${suffix}` })).toContainText("Revoked");
  expect(await again.exited).toBe(3);
  expect(again.output()).toContain("refused the delegate token");
  await expect(row(page, nameB)).toContainText("Disconnected", { timeout: 15_000 });
});

// ---- tests run on the delegate whose tags the connector selects ----------------------------------

interface Line {
  type: string;
  step?: string;
  status?: string;
  data?: Record<string, unknown>;
  result?: { status: string; delegateId: string; errorSummary: string; steps: Line[] };
}
const lines = (text: string): Line[] =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);

test("each connector's test runs on the delegate its selectors match, with that delegate's own AWS identity; a delegate killed mid-test ends it as lost", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const [userA, userB, keyUser] = await Promise.all(
    (
      [
        ["a", "515151515151"],
        ["b", "525252525252"],
        ["key", "535353535353"],
      ] as const
    ).map(([n, accountId]) =>
      aws.addUser({
        name: `delegate-${n}-${suffix}`,
        accountId,
        // The lookups', and what a GitOps cluster's test reads of its agent's chain.
        allow: [
          "ec2:DescribeRegions",
          "iam:SimulatePrincipalPolicy",
          "eks:*",
          "iam:GetRole",
          "iam:ListOpenIDConnectProviders",
          "iam:GetOpenIDConnectProvider",
        ],
      }),
    ),
  );
  const token = async (name: string) => {
    const res = await request.post("/api/delegates/tokens", { data: { name } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const tagA = `run-a-${suffix}`;
  const tagB = `run-b-${suffix}`;
  const a = startDelegate({
    token: await token(`run-a-${suffix}`),
    name: `run-a-${suffix}`,
    tags: [tagA],
    ambient: userA!,
  });
  const b = startDelegate({
    token: await token(`run-b-${suffix}`),
    name: `run-b-${suffix}`,
    tags: [tagB],
    ambient: userB!,
  });
  running.push(a, b);
  await expect.poll(() => a.output() + b.output(), { timeout: 30_000 }).toMatch(/registered[\s\S]*registered/);

  const inherit = async (identifier: string, tag: string) => {
    const res = await request.post("/api/connectors", {
      data: {
        name: identifier,
        identifier,
        spec: {
          credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
          delegateSelectors: [tag],
        },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  };
  await inherit(`on_a_${suffix}`, tagA);
  await inherit(`on_b_${suffix}`, tagB);
  await createAccessKeyConnector(request, {
    identifier: `key_on_b_${suffix}`,
    user: keyUser!,
    delegateSelectors: [tagB],
  });

  const runTest = async (identifier: string) => {
    const res = await request.post(`/api/connectors/${identifier}/test`);
    expect(res.status()).toBe(200);
    return lines(await res.text());
  };
  const identity = (ls: Line[]) => ls.find((l) => l.step === "identity" && l.status === "passed")?.data;

  // A's test runs on A, as A's machine identity; B's on B; an access key's on B with its secret.
  // One at a time: a person has a share of the running-test slots.
  const onA = await runTest(`on_a_${suffix}`);
  const onB = await runTest(`on_b_${suffix}`);
  const keyOnB = await runTest(`key_on_b_${suffix}`);
  expect(onA.at(-1)!.result).toMatchObject({ status: "SUCCESS", delegateId: `run-a-${suffix}` });
  expect(identity(onA)).toMatchObject({ account: "515151515151", arn: userA!.arn });
  expect(onB.at(-1)!.result).toMatchObject({ status: "SUCCESS", delegateId: `run-b-${suffix}` });
  expect(identity(onB)).toMatchObject({ account: "525252525252", arn: userB!.arn });
  expect(keyOnB.at(-1)!.result).toMatchObject({ status: "SUCCESS", delegateId: `run-b-${suffix}` });
  expect(identity(keyOnB)).toMatchObject({ account: "535353535353" });
  // The wizard's test of a connector not saved yet runs where the saved one's will: on A as A, and
  // with a secret on B (the value travels to B for that task only, never into the task's row).
  const unsaved = async (identifier: string, spec: Record<string, unknown>) => {
    const res = await request.post("/api/connectors/test", { data: { name: identifier, identifier, spec } });
    expect(res.status()).toBe(200);
    return lines(await res.text());
  };
  const unsavedOnA = await unsaved(`draft_a_${suffix}`, {
    credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
    delegateSelectors: [tagA],
  });
  expect(unsavedOnA.at(-1)!.result).toMatchObject({ status: "SUCCESS", delegateId: `run-a-${suffix}` });
  expect(identity(unsavedOnA)).toMatchObject({ account: "515151515151", arn: userA!.arn });
  const unsavedKeyOnB = await unsaved(`draft_key_${suffix}`, {
    credential: {
      type: "ManualConfig",
      spec: { accessKey: keyUser!.accessKeyId, secretKeyRef: `key_on_b_${suffix}_sk` },
      region: "us-east-1",
    },
    delegateSelectors: [tagB],
  });
  expect(unsavedKeyOnB.at(-1)!.result).toMatchObject({ status: "SUCCESS", delegateId: `run-b-${suffix}` });
  expect(identity(unsavedKeyOnB)).toMatchObject({ account: "535353535353" });
  const drafts = await queryRows<{ identifier: string; connectorId: string | null; delegateName: string; row: string }>(
    `SELECT t.input->>'identifier' AS identifier, t."connectorId", t."delegateName", t::text AS row
       FROM "DelegateTask" t WHERE t.kind = 'unsaved-test' AND t.input->>'identifier' LIKE $1 ORDER BY t."createdAt"`,
    [`draft_%${suffix}`],
  );
  expect(drafts.map(({ row: _row, ...d }) => d)).toEqual([
    { identifier: `draft_a_${suffix}`, connectorId: null, delegateName: `run-a-${suffix}` },
    { identifier: `draft_key_${suffix}`, connectorId: null, delegateName: `run-b-${suffix}` },
  ]);
  expect(drafts[1]!.row).not.toContain(keyUser!.secretAccessKey);
  // An unsaved test leaves no history: none of these identifiers is a connector.
  expect((await request.get(`/api/connectors/draft_a_${suffix}`)).status()).toBe(404);

  // An OIDC connector on A: the console signs its token for the task (A holds no signing key), A
  // exchanges it for the role. The token travels with the task only, never into its row.
  const issuer = `${baseURL}/api/oidc/account/${E2E_ACCOUNT_ID}`;
  await aws.addOidcProvider({ url: issuer, clientIds: ["sts.amazonaws.com"], accountId: "545454545454" });
  await aws.addRole({
    name: `conduit-oidc-on-a-${suffix}`,
    accountId: "545454545454",
    trust: {
      webIdentity: { issuer, audience: "sts.amazonaws.com", subject: `account/${E2E_ACCOUNT_ID}:org/:project/` },
    },
    allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
  });
  const oidcConnector = await request.post("/api/connectors", {
    data: {
      name: `oidc_on_a_${suffix}`,
      identifier: `oidc_on_a_${suffix}`,
      spec: {
        credential: {
          type: "OidcAuthentication",
          spec: { iamRoleArn: `arn:aws:iam::545454545454:role/conduit-oidc-on-a-${suffix}` },
          region: "us-east-1",
        },
        delegateSelectors: [tagA],
      },
    },
  });
  expect(oidcConnector.status(), await oidcConnector.text()).toBe(201);
  const oidcOnA = await runTest(`oidc_on_a_${suffix}`);
  expect(oidcOnA.at(-1)!.result).toMatchObject({ status: "SUCCESS", delegateId: `run-a-${suffix}` });
  expect(oidcOnA.find((l) => l.step === "credentials" && l.status === "passed")?.data).toMatchObject({ issuer });
  expect((identity(oidcOnA) as { arn: string }).arn).toContain(`assumed-role/conduit-oidc-on-a-${suffix}/`);
  const [oidcTask] = await queryRows<{ delegateName: string; row: string }>(
    `SELECT t."delegateName", t::text AS row FROM "DelegateTask" t JOIN "Connector" c ON c.id = t."connectorId"
      WHERE c.identifier = $1`,
    [`oidc_on_a_${suffix}`],
  );
  expect(oidcTask!.delegateName).toBe(`run-a-${suffix}`);
  expect(oidcTask!.row).not.toMatch(/eyJ[\w-]+\.eyJ/);

  // Steps streamed one by one, and the history names the delegate.
  expect(onA.filter((l) => l.type === "step" && l.status === "running").length).toBeGreaterThan(1);
  const history = await (await request.get(`/api/connectors/on_a_${suffix}/tests?limit=1`)).json();
  expect(history.items[0]).toMatchObject({ status: "SUCCESS", delegateId: `run-a-${suffix}` });

  // A periodic check of B's connector goes through the same queue to B.
  await queryRows(`UPDATE "Connector" SET "nextCheckAt" = now() WHERE identifier = $1`, [`on_b_${suffix}`]);
  await expect
    .poll(
      async () =>
        (
          await queryRows<{ healthStatus: string | null }>(
            `SELECT "healthStatus" FROM "Connector" WHERE identifier = $1`,
            [`on_b_${suffix}`],
          )
        )[0]?.healthStatus,
      { timeout: 30_000 },
    )
    .toBe("passing");
  const [checked] = await queryRows<{ actor: string; delegateId: string }>(
    `SELECT t.actor, t."delegateId" FROM "ConnectorTest" t JOIN "Connector" c ON c.id = t."connectorId"
      WHERE c.identifier = $1 ORDER BY t."testedAt" DESC LIMIT 1`,
    [`on_b_${suffix}`],
  );
  expect(checked).toEqual({ actor: "Conduit (periodic check)", delegateId: `run-b-${suffix}` });

  // Lookups take the same way: B's connector's regions and clusters are listed on B, with B's own
  // identity (the console's built-in delegate lacks B's tag: it would refuse them).
  const regions = await request.get(`/api/aws/regions?connectorRef=on_b_${suffix}`);
  expect(regions.status(), await regions.text()).toBe(200);
  const regionListing = (await regions.json()) as { partition: string; regions: { name: string }[] };
  expect(regionListing.partition).toBe("aws");
  expect(regionListing.regions.map((r) => r.name)).toContain("us-east-1");
  const clusters = await request.get(`/api/aws/eks/clusters?connectorRef=on_b_${suffix}&region=us-east-1`);
  expect(clusters.status(), await clusters.text()).toBe(200);
  expect(await clusters.json()).toMatchObject({ regionErrors: [], regionsSearched: 1 });
  // A region of another partition is refused by the console, before any delegate is asked.
  const govCloud = await request.get(`/api/aws/eks/clusters?connectorRef=on_b_${suffix}&region=us-gov-west-1`);
  expect(govCloud.status()).toBe(422);
  expect((await govCloud.json()).fieldErrors.region[0]).toContain("not in the connector's partition");
  const lookups = await queryRows<{ input: unknown; delegateName: string; status: string }>(
    `SELECT t.input, t."delegateName", t.status FROM "DelegateTask" t JOIN "Connector" c ON c.id = t."connectorId"
      WHERE c.identifier = $1 AND t.kind = 'lookup' ORDER BY t."createdAt"`,
    [`on_b_${suffix}`],
  );
  expect(lookups).toEqual([
    { input: { what: "regions" }, delegateName: `run-b-${suffix}`, status: "done" },
    { input: { what: "clusters", region: "us-east-1" }, delegateName: `run-b-${suffix}`, status: "done" },
  ]);
  // A cluster's namespaces and its kubeconfig too: the Kubernetes API sees B's identity.
  const cluster = fakeKube.cluster();
  await fakeKube.addMapping({ arn: userB!.arn, username: `run-b-${suffix}`, groups: ["conduit:viewers"] });
  const clusterQuery = { connectorRef: `on_b_${suffix}`, cluster: `${cluster.region}/${cluster.name}` };
  const namespaces = await request.get("/api/aws/eks/namespaces", { params: clusterQuery });
  expect(namespaces.status(), await namespaces.text()).toBe(200);
  expect((await namespaces.json()).namespaces).toEqual(expect.arrayContaining(["default", "payments"]));
  expect((await fakeKube.requests()).some((r) => r.user === `run-b-${suffix}` && r.status === 200)).toBe(true);
  const kubeconfig = await request.get("/api/aws/eks/kubeconfig", { params: clusterQuery });
  expect(kubeconfig.status(), await kubeconfig.text()).toBe(200);
  const yaml = await kubeconfig.text();
  expect(yaml).toContain(`server: ${cluster.endpoint}`);
  expect(yaml).toContain(`generated by Conduit from connector on_b_${suffix}`);
  const clusterLookups = await queryRows<{ what: string; delegateName: string }>(
    `SELECT t.input->>'what' AS what, t."delegateName" FROM "DelegateTask" t JOIN "Connector" c ON c.id = t."connectorId"
      WHERE c.identifier = $1 AND t.kind = 'lookup' AND t.input->>'what' IN ('namespaces', 'kubeconfig') ORDER BY t."createdAt"`,
    [`on_b_${suffix}`],
  );
  expect(clusterLookups).toEqual([
    { what: "namespaces", delegateName: `run-b-${suffix}` },
    { what: "kubeconfig", delegateName: `run-b-${suffix}` },
  ]);

  // A lookup the delegate's AWS refuses: its problem comes back as the console's own would be.
  const noRegions = await aws.addUser({ name: `delegate-noregions-${suffix}`, accountId: "545454545454", allow: [] });
  await createAccessKeyConnector(request, {
    identifier: `denied_on_b_${suffix}`,
    user: noRegions,
    delegateSelectors: [tagB],
  });
  const denied = await request.get(`/api/aws/regions?connectorRef=denied_on_b_${suffix}`);
  expect(denied.status()).toBeGreaterThanOrEqual(400);
  expect(denied.headers()["content-type"]).toContain("application/problem+json");
  expect((await denied.json()).detail).toContain("ec2:DescribeRegions");

  // A GitOps cluster whose agent's connector selects B is tested on B: its agent's chain lives in
  // B's account, which only B's identity can read.
  const chain = await setUpGitopsChain({ suffix, accountId: "525252525252", kube: fakeKube.cluster() });
  const project = `deleg_gitops_${suffix}`;
  const inProject = { params: { org: "default", project } };
  expect(
    (await request.post("/api/orgs/default/projects", { data: { identifier: project, name: project } })).status(),
  ).toBe(201);
  const agent = await request.post("/api/gitops/agents", {
    ...inProject,
    data: {
      name: "Agent on B",
      identifier: "agent_on_b",
      namespace: chain.namespace,
      spec: {
        connectorRef: `account.on_b_${suffix}`,
        managementCluster: chain.managementCluster,
        agentRoleArn: chain.agentRoleArn,
      },
    },
  });
  expect(agent.status(), await agent.text()).toBe(201);
  const gitopsCluster = await request.post("/api/gitops/clusters", {
    ...inProject,
    data: {
      name: "Target on B",
      identifier: "target_on_b",
      agentIdentifier: "agent_on_b",
      spec: irsaClusterSpec(chain),
    },
  });
  expect(gitopsCluster.status(), await gitopsCluster.text()).toBe(201);
  const tested = await request.post("/api/gitops/clusters/target_on_b/test", inProject);
  expect(tested.status()).toBe(200);
  const clusterLines = lines(await tested.text()) as unknown as {
    type: string;
    step?: string;
    status?: string;
    detail?: string;
    result?: { status: string; steps: { step: string; status: string }[] };
  }[];
  const clusterResult = clusterLines.at(-1)!.result!;
  expect(clusterResult.status, JSON.stringify(clusterResult)).toBe("Successful");
  expect(clusterResult.steps.map((s) => `${s.step}:${s.status}`)).toEqual([
    "credentials:passed",
    "oidcProvider:passed",
    "agentTrust:passed",
    "assumeChain:passed",
    "clusterAccess:passed",
    "connect:passed",
  ]);
  // Streamed step by step as the delegate ran them.
  expect(clusterLines.filter((l) => l.type === "step" && l.status === "running").length).toBe(6);
  const [clusterTask] = await queryRows<{ delegateName: string; status: string; clusterId: string }>(
    `SELECT t."delegateName", t.status, t.input->>'identifier' AS "clusterId" FROM "DelegateTask" t
       JOIN "Connector" c ON c.id = t."connectorId" WHERE c.identifier = $1 AND t.kind = 'cluster-test'`,
    [`on_b_${suffix}`],
  );
  expect(clusterTask).toEqual({ delegateName: `run-b-${suffix}`, status: "done", clusterId: "target_on_b" });
  // The outcome is stored on the cluster, as a test run by the console would be.
  const [clusterStatus] = await queryRows<{ connectionStatus: string }>(
    `SELECT "connectionStatus" FROM "GitopsCluster" WHERE "projectIdentifier" = $1 AND identifier = 'target_on_b'`,
    [project],
  );
  expect(clusterStatus).toEqual({ connectionStatus: "Successful" });

  // "Import from EKS" through B's connector is described on B too.
  const imported = await request.get("/api/aws/eks/cluster", {
    params: { connectorRef: `on_b_${suffix}`, cluster: `${chain.target.region}/${chain.target.name}` },
  });
  expect(imported.status(), await imported.text()).toBe(200);
  expect(await imported.json()).toMatchObject({
    name: chain.target.name,
    region: chain.target.region,
    endpoint: chain.target.endpoint,
    caData: chain.target.caData,
  });
  const [importTask] = await queryRows<{ delegateName: string }>(
    `SELECT t."delegateName" FROM "DelegateTask" t JOIN "Connector" c ON c.id = t."connectorId"
      WHERE c.identifier = $1 AND t.kind = 'lookup' AND t.input->>'what' = 'cluster'`,
    [`on_b_${suffix}`],
  );
  expect(importTask).toEqual({ delegateName: `run-b-${suffix}` });

  // A second console on the same database serves the same test stream.
  const second = await startAppInstance({
    port: await freePort(),
    databaseUrl: process.env.E2E_DATABASE_URL!,
    env: JSON.parse(process.env.E2E_APP_ENV!) as Record<string, string>,
  });

  // A dies in the middle of a test: within its lease (3 missed heartbeats of 1 s) the test ends as lost.
  await aws.latency(20_000, { action: "DescribeRegions" });
  try {
    const pending = runTest(`on_a_${suffix}`);
    await expect
      .poll(
        async () =>
          // Running, with its first steps reported.
          (
            await queryRows<{ status: string }>(
              `SELECT t.status || ':' || (jsonb_array_length(t.events) > 0)::text AS status
                 FROM "DelegateTask" t JOIN "Connector" c ON c.id = t."connectorId"
                WHERE c.identifier = $1 ORDER BY t."createdAt" DESC LIMIT 1`,
              [`on_a_${suffix}`],
            )
          )[0]?.status,
        { timeout: 15_000 },
      )
      .toBe("running:true");
    const followed = request.get(`${second.baseUrl}/api/connectors/on_a_${suffix}/test`);
    const killedAt = Date.now();
    a.signal("SIGKILL");
    const lost = await pending;
    const waited = Date.now() - killedAt;
    expect(lost.at(-1)!.result).toMatchObject({ status: "FAILURE" });
    expect(lost.at(-1)!.result!.errorSummary).toContain(`Delegate lost: run-a-${suffix} stopped answering`);
    expect(waited).toBeLessThan(10_000);
    // The other instance streamed the same steps and the same end.
    const seen = await followed;
    expect(seen.status()).toBe(200);
    const other = lines(await seen.text());
    expect(other.at(-1)!.result).toEqual(lost.at(-1)!.result);
    expect(other.filter((l) => l.type === "step").map((l) => `${l.step}:${l.status}`)).toEqual(
      lost.filter((l) => l.type === "step").map((l) => `${l.step}:${l.status}`),
    );
    const [stored] = await queryRows<{ status: string }>(
      `SELECT status FROM "ConnectorTest" t JOIN "Connector" c ON c.id = t."connectorId" WHERE c.identifier = $1 ORDER BY t."testedAt" DESC LIMIT 1`,
      [`on_a_${suffix}`],
    );
    expect(stored).toEqual({ status: "FAILURE" });
  } finally {
    await aws.clearFaults();
    await second.stop();
  }
  await page.goto("/delegates");
  await expect(row(page, `run-a-${suffix}`)).toContainText("Disconnected", { timeout: 15_000 });
  await expect(row(page, `run-b-${suffix}`)).toContainText("Connected");
});

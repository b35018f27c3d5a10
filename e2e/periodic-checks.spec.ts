// Periodic connectivity checks (issue 18): the console re-tests every connector on a schedule
// through the job queue. A connector whose secret is replaced with a wrong value shows "Failing
// since …" after its next scheduled check, with an audit event; one with checks off is left alone.
// "The next scheduled check" is brought forward by setting the connector's next check time to now
// (the suite's console sweeps every second for due checks).
import { aws } from "./fixtures/aws";
import { createAccessKeyConnector } from "./fixtures/connectors";
import { queryRows } from "./fixtures/db";
import { expect, screenshotPath, test } from "./fixtures/test";

const suffix = Date.now().toString(36);
const ACCOUNT = "545454545454";

const dueNow = (identifier: string) =>
  queryRows(`UPDATE "Connector" SET "nextCheckAt" = now() WHERE identifier = $1 RETURNING id`, [identifier]);
const health = async (identifier: string) =>
  (
    await queryRows<{ healthStatus: string | null }>(`SELECT "healthStatus" FROM "Connector" WHERE identifier = $1`, [
      identifier,
    ])
  )[0]?.healthStatus ?? null;

test("a connector whose secret goes wrong shows failing since the next scheduled check, with an audit event", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const user = await aws.addUser({
    name: `periodic-${suffix}`,
    accountId: ACCOUNT,
    allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
  });
  const identifier = `periodic_${suffix}`;
  const off = `periodic_off_${suffix}`;
  await createAccessKeyConnector(request, { identifier, user });
  await createAccessKeyConnector(request, { identifier: off, user });
  // Its own interval, and one with checks off: both round-trip in the YAML.
  for (const [id, periodicCheck] of [
    [identifier, { enabled: true, intervalMinutes: 5 }],
    [off, { enabled: false, intervalMinutes: 5 }],
  ] as const) {
    const current = await (await request.get(`/api/connectors/${id}`)).json();
    const res = await request.put(`/api/connectors/${id}`, {
      data: {
        name: id,
        identifier: id,
        spec: current.connector.spec,
        conduit: { usages: [], periodicCheck },
        version: current.version,
      },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  const yaml = await (await request.get(`/api/connectors/${identifier}?format=yaml`)).text();
  expect(yaml).toMatch(/\n {2}conduit:\n {4}periodicCheck:\n {6}enabled: true\n {6}intervalMinutes: 5\n/);
  const offDto = await (await request.get(`/api/connectors/${off}`)).json();
  expect(offDto).toMatchObject({ nextCheckAt: null, health: null });
  expect(offDto.connector.conduit.periodicCheck).toEqual({ enabled: false, intervalMinutes: 5 });

  // The next check: the connector passes, in the history as Conduit's periodic check.
  await dueNow(identifier);
  await dueNow(off);
  await expect.poll(() => health(identifier), { timeout: 30_000 }).toBe("passing");
  const [history] = await queryRows<{ actor: string; status: string }>(
    `SELECT t.actor, t.status FROM "ConnectorTest" t JOIN "Connector" c ON c.id = t."connectorId"
      WHERE c.identifier = $1 ORDER BY t."testedAt" DESC LIMIT 1`,
    [identifier],
  );
  expect(history).toEqual({ actor: "Conduit (periodic check)", status: "SUCCESS" });
  const [next] = await queryRows<{ later: boolean }>(
    `SELECT "nextCheckAt" > now() + interval '4 minutes' AS later FROM "Connector" WHERE identifier = $1`,
    [identifier],
  );
  expect(next).toEqual({ later: true });

  // The secret is replaced with a wrong value; at the next check the connector is failing.
  const secret = await (await request.get(`/api/secrets/${identifier}_sk`)).json();
  const replaced = await request.put(`/api/secrets/${identifier}_sk`, {
    data: { name: secret.name, value: "definitely-not-the-right-secret-key-000000", version: secret.version },
  });
  expect(replaced.status(), await replaced.text()).toBe(200);
  await dueNow(identifier);
  await expect.poll(() => health(identifier), { timeout: 30_000 }).toBe("failing");

  const [event] = await queryRows<{ actor: string; diff: Record<string, unknown> }>(
    `SELECT actor, diff FROM "AuditEvent" WHERE action = 'HEALTH' AND "entityId" = $1 ORDER BY at DESC LIMIT 1`,
    [identifier],
  );
  expect(event).toMatchObject({
    actor: "Conduit (periodic check)",
    diff: { health: { from: "passing", to: "failing" } },
  });

  // The list says since when; the connector with checks off was never checked.
  await page.goto("/connectors");
  await page.getByLabel("Search by name or identifier").fill(identifier);
  const row = page.getByRole("row").filter({ hasText: identifier }).filter({ hasNotText: off }).first();
  await expect(row).toContainText("Failing");
  await expect(row).toContainText("since");
  await page.screenshot({ path: screenshotPath("connectors-health.png"), fullPage: true });
  expect(await health(off)).toBeNull();
  await page.goto(`/connectors/${off}`);
  await expect(page.getByText("Checks off")).toBeVisible();
});

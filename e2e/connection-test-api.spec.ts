// The test endpoints over HTTP: NDJSON stream, stored history, one run per connector, unsaved specs.
import { expect, test, type APIRequestContext } from "./fixtures/test";
import { aws } from "./fixtures/aws";
import { queryRows } from "./fixtures/db";

const suffix = Date.now().toString(36);
const ACCOUNT = "121212121212";

async function connectorWithUser(
  request: APIRequestContext,
  name: string,
  allow = ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy", "eks:*"],
) {
  const user = await aws.addUser({ name: `${name}-${suffix}`, accountId: ACCOUNT, allow });
  const secretId = `${name}_sk_${suffix}`;
  expect(
    (
      await request.post("/api/secrets", {
        data: { identifier: secretId, name: secretId, value: user.secretAccessKey },
      })
    ).status(),
  ).toBe(201);
  const identifier = `${name}_${suffix}`;
  const input = {
    name: identifier,
    identifier,
    spec: {
      credential: {
        type: "ManualConfig",
        spec: { accessKey: user.accessKeyId, secretKeyRef: secretId },
        region: "us-east-1",
      },
    },
  };
  return { user, secretId, identifier, input };
}

async function runTest(request: APIRequestContext, path: string, data?: unknown) {
  const res = await request.post(path, data ? { data } : {});
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await res.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  return { events: lines.slice(0, -1), result: lines.at(-1).result };
}

test("a saved connector's test streams steps, stores the result and updates its status", async ({ request }) => {
  const c = await connectorWithUser(request, "api");
  expect((await request.post("/api/connectors", { data: c.input })).status()).toBe(201);

  const { events, result } = await runTest(request, `/api/connectors/${c.identifier}/test`);
  expect(events.filter((e) => e.step === "identity").map((e) => e.status)).toEqual(["running", "passed"]);
  expect(events.every((e) => e.type === "step")).toBe(true);
  expect(result).toMatchObject({ status: "SUCCESS", errors: [], delegateId: "conduit-server" });
  expect(result.steps.find((s: { step: string }) => s.step === "identity").data.account).toBe(ACCOUNT);
  expect(typeof result.testedAt).toBe("number");

  const [row] = await queryRows<{ lastTestStatus: string; version: number }>(
    `SELECT "lastTestStatus", version FROM "Connector" WHERE identifier = $1`,
    [c.identifier],
  );
  expect(row).toEqual({ lastTestStatus: "SUCCESS", version: 1 });

  // Break the secret: the next test fails with the hint and is listed first.
  const put = await request.put(`/api/secrets/${c.secretId}`, {
    data: { name: c.secretId, value: "wrong-wrong-wrong-wrong-wrong-wrong-wrong0", version: 1 },
  });
  expect(put.status()).toBe(200);
  const failed = await runTest(request, `/api/connectors/${c.identifier}/test`);
  expect(failed.result.status).toBe("FAILURE");
  const identity = failed.result.steps.find((s: { step: string }) => s.step === "identity");
  expect(identity).toMatchObject({ status: "failed", errorCode: "SignatureDoesNotMatch" });
  expect(identity.hint.text).toMatch(/secret access key is wrong/);

  const history = await (await request.get(`/api/connectors/${c.identifier}/tests`)).json();
  expect(history.items.map((t: { status: string }) => t.status)).toEqual(["FAILURE", "SUCCESS"]);
  const listed = await (await request.get(`/api/connectors?q=${c.identifier}`)).json();
  expect(listed.items[0]).toMatchObject({ lastTestStatus: "FAILURE" });
  expect(JSON.stringify(history)).not.toContain(c.user.secretAccessKey);
});

test("a second test of the same connector while one runs gets 429", async ({ request }) => {
  const c = await connectorWithUser(request, "busy");
  expect((await request.post("/api/connectors", { data: c.input })).status()).toBe(201);
  await aws.latency(1500, { action: "GetCallerIdentity" });
  try {
    const first = request.post(`/api/connectors/${c.identifier}/test`);
    await expect
      .poll(
        async () => (await queryRows(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 71001`)).length,
      )
      .toBeGreaterThan(0);
    const second = await request.post(`/api/connectors/${c.identifier}/test`);
    expect(second.status()).toBe(429);
    expect(second.headers()["retry-after"]).toBe("5");
    expect((await second.json()).code).toBe("RATE_LIMITED");
    expect((await first).status()).toBe(200);
  } finally {
    await aws.clearFaults();
  }
});

test("an unsaved spec from the wizard is tested without storing anything but the audit entry", async ({ request }) => {
  const c = await connectorWithUser(request, "unsaved");
  const before = (await queryRows(`SELECT count(*)::int AS n FROM "ConnectorTest"`))[0];
  const { result } = await runTest(request, "/api/connectors/test", c.input);
  expect(result.status).toBe("SUCCESS");
  expect(await queryRows(`SELECT 1 FROM "Connector" WHERE identifier = $1`, [c.identifier])).toHaveLength(0);
  expect((await queryRows(`SELECT count(*)::int AS n FROM "ConnectorTest"`))[0]).toEqual(before);
  const audit = await queryRows<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1`, [
    c.identifier,
  ]);
  expect(audit).toEqual([{ action: "TEST" }]);
  // Bad input is refused before any AWS call.
  const bad = await request.post("/api/connectors/test", {
    data: { ...c.input, spec: { credential: { type: "Nope" } } },
  });
  expect(bad.status()).toBe(422);
});

test("a connection reset or a broken answer from AWS is named as such, never as a timeout or SDK internals", async ({
  request,
}) => {
  const c = await connectorWithUser(request, "faulty");
  try {
    for (const [fault, said] of [
      ["reset", "The connection to AWS was reset"],
      ["truncate", "AWS's answer broke off before it was complete"],
    ] as const) {
      await aws.clearFaults();
      await aws[fault](20, { action: "GetCallerIdentity" });
      const res = await request.post("/api/connectors/test", { data: c.input });
      const text = await res.text();
      expect(text).not.toMatch(/Deserialization|\$response|Timed out after/);
      const result = JSON.parse(text.trim().split("\n").at(-1)!).result;
      expect(result.status, fault).toBe("FAILURE");
      const failed = result.steps.find((s: { status: string }) => s.status === "failed");
      expect(failed.detail, fault).toContain(said);
      expect(failed.hint?.text ?? "", fault).not.toContain("did not answer within");
    }
  } finally {
    await aws.clearFaults();
  }
});

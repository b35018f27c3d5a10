// The connector and secret HTTP API: validation, concurrency, references, YAML, versions.
import { expect, test, type APIResponse } from "./fixtures/test";
import { countRows, queryRows } from "./fixtures/db";

const suffix = Date.now().toString(36);

const body = (identifier: string, secretKeyRef: string, extra: Record<string, unknown> = {}) => ({
  name: `Conn ${identifier}`,
  identifier,
  spec: {
    credential: {
      type: "ManualConfig",
      spec: { accessKey: "AKIAEXAMPLEEXAMPLE01", secretKeyRef },
      region: "us-east-1",
    },
  },
  ...extra,
});

async function problem(res: APIResponse, status: number, code: string, field?: string) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const p = await res.json();
  expect(p.code).toBe(code);
  if (field) expect(Object.keys(p.fieldErrors ?? {})).toContain(field);
  return p;
}

test("bad connector input answers 4xx problem+json naming the field, and writes nothing", async ({ request }) => {
  const sk = `sk_bad_${suffix}`;
  expect(
    (
      await request.post("/api/secrets", { data: { identifier: sk, name: sk, value: "s3cr3t-value-bad-input" } })
    ).status(),
  ).toBe(201);
  const before = { c: await countRows("Connector"), a: await countRows("AuditEvent") };

  await problem(
    await request.post("/api/connectors", { data: Buffer.from("{"), headers: { "content-type": "application/json" } }),
    400,
    "INVALID_JSON",
  );
  await problem(
    await request.post("/api/connectors", { data: { ...body(`x_${suffix}`, sk), name: 42 } }),
    422,
    "VALIDATION_FAILED",
    "name",
  );
  await problem(
    await request.post("/api/connectors", { data: { ...body(`x_${suffix}`, sk), surprise: true } }),
    422,
    "VALIDATION_FAILED",
    "surprise",
  );
  await problem(
    await request.post("/api/connectors", { data: body("9starts_with_digit", sk) }),
    422,
    "VALIDATION_FAILED",
    "identifier",
  );
  const bigTags = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, "v".repeat(100)]));
  await problem(
    await request.post("/api/connectors", {
      data: Buffer.from(JSON.stringify(body(`big_${suffix}`, sk, { tags: bigTags }))),
      headers: { "content-type": "application/json" },
    }),
    413,
    "PAYLOAD_TOO_LARGE",
  );
  await problem(
    await request.post("/api/connectors", { data: body(`nosecret_${suffix}`, "does_not_exist") }),
    422,
    "VALIDATION_FAILED",
    "spec.credential.spec.secretKeyRef",
  );
  const bad = body(`arn_${suffix}`, sk);
  (bad.spec.credential as Record<string, unknown>).crossAccountAccess = {
    crossAccountRoleArn: "arn:aws:iam::123:role/x",
  };
  await problem(
    await request.post("/api/connectors", { data: bad }),
    422,
    "VALIDATION_FAILED",
    "spec.credential.crossAccountAccess.crossAccountRoleArn",
  );
  const gov = body(`gov_${suffix}`, sk);
  Object.assign(gov.spec.credential, {
    region: "us-gov-west-1",
    crossAccountAccess: { crossAccountRoleArn: "arn:aws:iam::123456789012:role/deploy" },
  });
  const p = await problem(
    await request.post("/api/connectors", { data: gov }),
    422,
    "VALIDATION_FAILED",
    "spec.credential.crossAccountAccess.crossAccountRoleArn",
  );
  expect(p.fieldErrors["spec.credential.crossAccountAccess.crossAccountRoleArn"][0]).toMatch(
    /aws partition .* us-gov-west-1 is in aws-us-gov/,
  );
  await problem(await request.post("/api/connectors?org=nope", { data: body(`o_${suffix}`, sk) }), 404, "NOT_FOUND");
  await problem(await request.get("/api/connectors?sort=colour"), 422, "VALIDATION_FAILED", "sort");

  expect({ c: await countRows("Connector"), a: await countRows("AuditEvent") }).toEqual(before);
});

test("50 concurrent creates of one identifier leave exactly one row", async ({ request }) => {
  const sk = `sk_race_${suffix}`;
  await request.post("/api/secrets", { data: { identifier: sk, name: sk, value: "s3cr3t-value-race" } });
  const identifier = `race_${suffix}`;
  const results = await Promise.all(
    Array.from({ length: 50 }, () => request.post("/api/connectors", { data: body(identifier, sk) })),
  );
  const statuses = results.map((r) => r.status()).sort();
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  for (const r of results.filter((x) => x.status() === 409)) expect((await r.json()).code).toBe("ALREADY_EXISTS");
  expect(await queryRows(`SELECT 1 FROM "Connector" WHERE identifier = $1`, [identifier])).toHaveLength(1);
  expect(
    await queryRows(`SELECT 1 FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'CREATE'`, [identifier]),
  ).toHaveLength(1);
});

test("a referenced secret cannot be deleted; the refusal names the connector", async ({ request }) => {
  const sk = `sk_ref_${suffix}`;
  await request.post("/api/secrets", { data: { identifier: sk, name: sk, value: "s3cr3t-value-ref" } });
  const identifier = `ref_${suffix}`;
  expect((await request.post("/api/connectors", { data: body(identifier, sk) })).status()).toBe(201);
  const p = await problem(await request.delete(`/api/secrets/${sk}`), 409, "IN_USE");
  expect(p.detail).toContain(identifier);
  expect(p.extra.references).toEqual([
    expect.objectContaining({ type: "Connector", identifier, field: "spec.credential.spec.secretKeyRef" }),
  ]);
  expect((await request.delete(`/api/connectors/${identifier}`)).status()).toBe(204);
  expect((await request.delete(`/api/secrets/${sk}`)).status()).toBe(204);
});

test("scope: an account secret is referenced as account.<id> from a project; identifiers are unique per scope", async ({
  request,
}) => {
  const sk = `sk_acct_${suffix}`;
  await request.post("/api/secrets", { data: { identifier: sk, name: sk, value: "s3cr3t-value-account" } });
  const scope = "?org=default&project=default_project";
  const identifier = `scoped_${suffix}`;
  await problem(
    await request.post(`/api/connectors${scope}`, { data: body(identifier, sk) }),
    422,
    "VALIDATION_FAILED",
    "spec.credential.spec.secretKeyRef",
  );
  const created = await request.post(`/api/connectors${scope}`, { data: body(identifier, `account.${sk}`) });
  expect(created.status()).toBe(201);
  expect((await created.json()).connector).toMatchObject({
    orgIdentifier: "default",
    projectIdentifier: "default_project",
  });
  // Same identifier at account scope is a different connector.
  expect((await request.post("/api/connectors", { data: body(identifier, sk) })).status()).toBe(201);
  const visible = await (await request.get(`/api/secrets${scope}&includeParents=true`)).json();
  expect(visible.items.find((s: { identifier: string }) => s.identifier === sk)).toMatchObject({
    scope: "account",
    ref: `account.${sk}`,
  });
  await problem(
    await request.post(`/api/connectors${scope}`, {
      data: { ...body(`other_${suffix}`, `account.${sk}`), orgIdentifier: "elsewhere" },
    }),
    422,
    "VALIDATION_FAILED",
    "orgIdentifier",
  );
});

test("YAML: GET ?format=yaml and PUT application/yaml round-trip; errors name the line; versions are enforced", async ({
  request,
}) => {
  const sk = `sk_yaml_${suffix}`;
  await request.post("/api/secrets", { data: { identifier: sk, name: sk, value: "s3cr3t-value-yaml" } });
  const identifier = `yaml_${suffix}`;
  const created = await request.post("/api/connectors", {
    data: body(identifier, sk, { description: "before", tags: { team: "payments" } }),
  });
  expect(created.status()).toBe(201);

  const get = await request.get(`/api/connectors/${identifier}?format=yaml`);
  expect(get.headers()["content-type"]).toContain("application/yaml");
  expect(get.headers()["etag"]).toBe('"1"');
  const yaml = await get.text();
  expect(yaml).toMatch(/^connector:\n {2}name: /);
  expect(yaml).toContain("type: Aws");
  expect(yaml).toContain(`secretKeyRef: ${sk}`);

  const edited = yaml.replace("description: before", "description: after");
  const put = await request.put(`/api/connectors/${identifier}`, {
    data: edited,
    headers: { "content-type": "application/yaml", "if-match": '"1"' },
  });
  expect(put.status()).toBe(200);
  expect((await put.json()).connector.description).toBe("after");
  expect(await (await request.get(`/api/connectors/${identifier}?format=yaml`)).text()).toBe(edited);

  const lines = edited.split("\n");
  const regionLine = lines.findIndex((l) => l.includes("region:")) + 1;
  const broken = edited.replace("region: us-east-1", "region: mars-north-1");
  const p = await problem(
    await request.put(`/api/connectors/${identifier}`, {
      data: broken,
      headers: { "content-type": "application/yaml", "if-match": '"2"' },
    }),
    422,
    "VALIDATION_FAILED",
  );
  expect(p.extra.line).toBe(regionLine);
  expect(p.detail).toContain(`Line ${regionLine}`);

  await problem(
    await request.put(`/api/connectors/${identifier}`, {
      data: edited,
      headers: { "content-type": "application/yaml", "if-match": '"1"' },
    }),
    409,
    "VERSION_CONFLICT",
  );
  await problem(
    await request.put(`/api/connectors/${identifier}`, {
      data: edited,
      headers: { "content-type": "application/yaml" },
    }),
    428,
    "PRECONDITION_REQUIRED",
  );
  await problem(
    await request.put(`/api/connectors/${identifier}`, {
      data: edited.replace(`identifier: ${identifier}`, "identifier: renamed"),
      headers: { "content-type": "application/yaml", "if-match": '"2"' },
    }),
    422,
    "VALIDATION_FAILED",
    "identifier",
  );

  const audit = await queryRows<{ action: string; diff: Record<string, unknown> }>(
    `SELECT action, diff FROM "AuditEvent" WHERE "entityType" = 'Connector' AND "entityId" = $1 ORDER BY at`,
    [identifier],
  );
  expect(audit.map((a) => a.action)).toEqual(["CREATE", "UPDATE"]);
  expect(audit[1]!.diff).toEqual({ description: { from: "before", to: "after" } });
});

test("list: search, filters, sort and cursor pagination", async ({ request }) => {
  const sk = `sk_list_${suffix}`;
  await request.post("/api/secrets", { data: { identifier: sk, name: sk, value: "s3cr3t-value-list" } });
  for (let i = 0; i < 5; i++) {
    expect((await request.post("/api/connectors", { data: body(`list${i}_${suffix}`, sk) })).status()).toBe(201);
  }
  expect(
    (
      await request.post("/api/connectors", {
        data: {
          name: `Irsa list_${suffix}`,
          identifier: `irsa_list_${suffix}`,
          spec: { credential: { type: "Irsa", region: "eu-west-1" } },
        },
      })
    ).status(),
  ).toBe(201);
  const page1 = await (await request.get(`/api/connectors?q=list&limit=4&sort=identifier&order=desc`)).json();
  expect(page1.items).toHaveLength(4);
  const page2 = await (
    await request.get(`/api/connectors?q=list&limit=4&sort=identifier&order=desc&cursor=${page1.nextCursor}`)
  ).json();
  const ids = [...page1.items, ...page2.items]
    .map((c: { connector: { identifier: string } }) => c.connector.identifier)
    .filter((i: string) => i.endsWith(suffix));
  expect(ids).toEqual([...ids].sort().reverse());
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(6);
  const irsa = await (await request.get(`/api/connectors?q=${suffix}&credentialType=Irsa`)).json();
  expect(irsa.items.map((c: { connector: { identifier: string } }) => c.connector.identifier)).toEqual([
    `irsa_list_${suffix}`,
  ]);
  const unknown = await (await request.get(`/api/connectors?q=list_${suffix}&lastTestStatus=UNKNOWN`)).json();
  expect(unknown.items.length).toBe(1);
});

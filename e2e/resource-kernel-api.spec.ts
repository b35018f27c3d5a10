// What every versioned resource now shares through one kernel: YAML read by Accept as well as
// ?format=yaml, YAML create bodies, conflicts that say where, and in-use refusals that name every
// referrer with its kind and scope. Checked over HTTP, with the database as the witness.
import { expect, test, type APIResponse } from "./fixtures/test";
import { countRows, queryRows } from "./fixtures/db";

const suffix = Date.now().toString(36);
const PROJECT = `kernel_${suffix}`;
const qs = `org=default&project=${PROJECT}`;

async function problem(res: APIResponse, status: number, code: string) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const p = await res.json();
  expect(p.code).toBe(code);
  return p as { detail: string; fieldErrors?: Record<string, string[]>; extra?: { references?: unknown[] } };
}

test.beforeAll(async ({ request }) => {
  const res = await request.post("/api/orgs/default/projects", { data: { identifier: PROJECT, name: PROJECT } });
  expect(res.status()).toBe(201);
});

test("a connector is created from YAML and read back as YAML through Accept; edits need the version", async ({
  request,
}) => {
  const sk = `sk_kernel_${suffix}`;
  expect(
    (
      await request.post(`/api/secrets?${qs}`, { data: { identifier: sk, name: sk, value: "s3cr3t-value-kernel" } })
    ).status(),
  ).toBe(201);
  const id = `yaml_create_${suffix}`;
  const doc = [
    "connector:",
    `  name: From YAML ${suffix}`,
    `  identifier: ${id}`,
    `  projectIdentifier: ${PROJECT}`,
    "  orgIdentifier: default",
    "  type: Aws",
    "  spec:",
    "    credential:",
    "      type: ManualConfig",
    "      spec:",
    "        accessKey: AKIAEXAMPLEEXAMPLE01",
    `        secretKeyRef: ${sk}`,
    "      region: us-east-1",
    "",
  ].join("\n");
  const created = await request.post(`/api/connectors?${qs}`, {
    data: doc,
    headers: { "content-type": "application/yaml" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const rows = await queryRows<{ name: string; version: number }>(
    `SELECT name, version FROM "Connector" WHERE identifier = $1 AND "projectIdentifier" = $2`,
    [id, PROJECT],
  );
  expect(rows).toEqual([{ name: `From YAML ${suffix}`, version: 1 }]);

  const read = await request.get(`/api/connectors/${id}?${qs}`, { headers: { accept: "application/yaml" } });
  expect(read.headers()["content-type"]).toContain("application/yaml");
  expect(read.headers().etag).toBe('"1"');
  expect(await read.text()).toContain(`identifier: ${id}`);

  // The same identifier again: 409 that says where it is taken, and nothing written.
  const before = await countRows("Connector");
  const dup = await problem(
    await request.post(`/api/connectors?${qs}`, { data: doc, headers: { "content-type": "application/yaml" } }),
    409,
    "ALREADY_EXISTS",
  );
  expect(dup.fieldErrors?.identifier?.[0]).toBe(`Already in use in project "${PROJECT}" in org "default"`);
  expect(await countRows("Connector")).toBe(before);

  // A stale version is refused with the current one; a YAML edit with the right one is saved.
  const edited = doc.replace(`name: From YAML ${suffix}`, `name: Edited ${suffix}`);
  const yamlPut = (version: string) =>
    request.put(`/api/connectors/${id}?${qs}`, {
      data: edited,
      headers: { "content-type": "application/yaml", "if-match": version },
    });
  await problem(await yamlPut('"7"'), 409, "VERSION_CONFLICT");
  const saved = await yamlPut('"1"');
  expect(saved.status(), await saved.text()).toBe(200);
  expect(saved.headers().etag).toBe('"2"');
});

test("in-use refusals name every referrer with its kind and scope, and nothing is deleted", async ({ request }) => {
  const env = `env_${suffix}`;
  expect(
    (
      await request.post(`/api/environments?${qs}`, {
        data: { identifier: env, name: "Env", type: "PreProduction" },
      })
    ).status(),
  ).toBe(201);
  const def = `def_${suffix}`;
  const created = await request.post(`/api/infrastructures?${qs}`, {
    data: {
      identifier: def,
      name: "Def",
      environmentRef: env,
      deploymentType: "Kubernetes",
      type: "KubernetesAws",
      spec: {
        connectorRef: `yaml_create_${suffix}`,
        cluster: "us-east-1/payments",
        namespace: "payments",
        releaseName: "release-<+INFRA_KEY_SHORT_ID>",
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  const envDelete = await problem(await request.delete(`/api/environments/${env}?${qs}`), 409, "IN_USE");
  expect(envDelete.detail).toBe(
    `Environment "${env}" still holds infrastructure definition "${def}" (environment "${env}", project "${PROJECT}" in org "default"); delete or move them first`,
  );
  const connectorDelete = await problem(
    await request.delete(`/api/connectors/yaml_create_${suffix}?${qs}`),
    409,
    "IN_USE",
  );
  expect(connectorDelete.extra?.references).toEqual([
    {
      type: "InfrastructureDefinition",
      identifier: def,
      name: "Def",
      environment: env,
      orgIdentifier: "default",
      projectIdentifier: PROJECT,
      field: "spec.connectorRef",
    },
  ]);
  const projectDelete = await problem(await request.delete(`/api/orgs/default/projects/${PROJECT}`), 409, "IN_USE");
  expect(projectDelete.detail).toContain(`connector "yaml_create_${suffix}"`);
  expect(projectDelete.detail).toContain(`environment "${env}"`);
  expect(projectDelete.detail).toContain(`secret "sk_kernel_${suffix}"`);

  const left = await queryRows<{ n: number }>(
    `SELECT (SELECT count(*) FROM "Environment" WHERE identifier = $1)::int
          + (SELECT count(*) FROM "Connector" WHERE identifier = $2)::int AS n`,
    [env, `yaml_create_${suffix}`],
  );
  expect(left).toEqual([{ n: 2 }]);
});

test("environments are read and created as YAML too; a resource without a YAML form says 406", async ({ request }) => {
  const id = `env_yaml_${suffix}`;
  const created = await request.post(`/api/environments?${qs}`, {
    data: `environment:\n  name: Staging\n  identifier: ${id}\n  type: PreProduction\n  tags:\n    team: web\n`,
    headers: { "content-type": "application/yaml" },
  });
  expect(created.status(), await created.text()).toBe(201);
  expect(await queryRows(`SELECT name, type, tags FROM "Environment" WHERE identifier = $1`, [id])).toEqual([
    { name: "Staging", type: "PreProduction", tags: { team: "web" } },
  ]);
  const read = await request.get(`/api/environments/${id}?${qs}`, { headers: { accept: "application/yaml" } });
  expect(read.headers()["content-type"]).toContain("application/yaml");
  expect(await read.text()).toBe(
    `environment:\n  name: Staging\n  identifier: ${id}\n  description: ""\n  orgIdentifier: default\n  projectIdentifier: ${PROJECT}\n  tags:\n    team: web\n  type: PreProduction\n`,
  );
  const bad = await problem(
    await request.post(`/api/environments?${qs}`, {
      data: `environment:\n  name: Bad\n  identifier: bad_${suffix}\n  type: Staging\n`,
      headers: { "content-type": "application/yaml" },
    }),
    422,
    "VALIDATION_FAILED",
  );
  expect(bad.detail).toMatch(/^Line 4: /);

  // Secrets have no YAML form: asked for YAML only, the answer says so instead of sending JSON.
  await problem(await request.get(`/api/secrets/sk_kernel_${suffix}?${qs}&format=yaml`), 406, "NOT_ACCEPTABLE");
  const either = await request.get(`/api/secrets/sk_kernel_${suffix}?${qs}`, {
    headers: { accept: "application/yaml, */*" },
  });
  expect(either.headers()["content-type"]).toContain("application/json");
});

test("GitOps agents answer YAML to Accept: application/yaml too", async ({ request }) => {
  const res = await request.get(`/api/gitops/agents/none_${suffix}?${qs}`, { headers: { accept: "application/yaml" } });
  // No such agent: the 404 is problem+json whatever was asked for, naming what and where.
  const p = await problem(res, 404, "NOT_FOUND");
  expect(p.detail).toBe(`GitOps agent "none_${suffix}" does not exist in project "${PROJECT}" in org "default"`);
});

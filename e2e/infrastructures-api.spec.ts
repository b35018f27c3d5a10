// The environment and infrastructure definition HTTP API: JSON and YAML bodies, versions,
// resolving runtime inputs, and the delete guards for connectors and environments.
import { expect, test, type APIRequestContext, type APIResponse } from "./fixtures/test";
import { queryRows } from "./fixtures/db";

const suffix = Date.now().toString(36);
const SCOPE = "?org=default&project=default_project";
const env = `dev_${suffix}`;
const conn = `eks_aws_${suffix}`;

async function problem(res: APIResponse, status: number, code: string, field?: string) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const p = await res.json();
  expect(p.code).toBe(code);
  if (field) expect(Object.keys(p.fieldErrors ?? {})).toContain(field);
  return p;
}

const definition = (identifier: string, spec: Record<string, unknown> = {}) => ({
  name: `EKS ${identifier}`,
  identifier,
  environmentRef: env,
  deploymentType: "Kubernetes",
  type: "KubernetesAws",
  spec: {
    connectorRef: `account.${conn}`,
    region: "ap-south-1",
    cluster: "ap-south-1/Cluster-test",
    namespace: "web",
    ...spec,
  },
});

const item = (identifier: string, extra = "") =>
  `/api/infrastructures/${identifier}${SCOPE}&environment=${env}${extra}`;

async function setup(request: APIRequestContext) {
  const c = await request.post("/api/connectors", {
    data: { name: conn, identifier: conn, spec: { credential: { type: "InheritFromDelegate", region: "ap-south-1" } } },
  });
  expect(c.status()).toBe(201);
  const e = await request.post(`/api/environments${SCOPE}`, {
    data: { name: "Dev", identifier: env, type: "PreProduction" },
  });
  expect(e.status()).toBe(201);
}

test("environments and definitions: create via JSON and YAML, read back as YAML, update with versions, resolve, delete guards", async ({
  request,
}) => {
  await setup(request);

  // Environments live in a project.
  await problem(await request.get("/api/environments"), 400, "BAD_REQUEST", "project");
  const envs = await (await request.get(`/api/environments${SCOPE}`)).json();
  expect(envs.items.map((x: { environment: { identifier: string } }) => x.environment.identifier)).toContain(env);

  // JSON create, with a runtime namespace limited to two values.
  const json = definition(`eks_json_${suffix}`, { namespace: "<+input>.allowedValues(dev,qa)" });
  const created = await request.post(`/api/infrastructures${SCOPE}`, { data: json });
  expect(created.status()).toBe(201);
  const dto = await created.json();
  expect(dto).toMatchObject({
    version: 1,
    connector: { identifier: conn, scope: "account" },
    environment: { identifier: env },
  });
  expect(dto.infrastructureDefinition.spec.releaseName).toBe("release-<+INFRA_KEY_SHORT_ID>");

  // YAML read (both ways of asking), then a YAML create of a second definition from it.
  const yamlRes = await request.get(item(json.identifier, "&format=yaml"));
  expect(yamlRes.headers()["content-type"]).toContain("application/yaml");
  expect(yamlRes.headers().etag).toBe('"1"');
  const yaml = await yamlRes.text();
  expect(yaml).toContain(`infrastructureDefinition:\n  name: EKS eks_json_${suffix}\n`);
  expect(await (await request.get(item(json.identifier), { headers: { accept: "application/yaml" } })).text()).toBe(
    yaml,
  );
  const yamlId = `eks_yaml_${suffix}`;
  const fromYaml = yaml.replaceAll(`eks_json_${suffix}`, yamlId);
  const yamlCreated = await request.post(`/api/infrastructures${SCOPE}`, {
    data: fromYaml,
    headers: { "content-type": "application/yaml" },
  });
  expect(yamlCreated.status()).toBe(201);
  expect((await yamlCreated.json()).infrastructureDefinition.spec).toEqual(dto.infrastructureDefinition.spec);

  // A bad YAML body names the line.
  const badYaml = fromYaml
    .replace(`identifier: ${yamlId}`, `identifier: eks_bad_${suffix}`)
    .replace("namespace: <+input>.allowedValues(dev,qa)", "namespace: Not_A_Label");
  const bad = await problem(
    await request.post(`/api/infrastructures${SCOPE}`, {
      data: badYaml,
      headers: { "content-type": "application/yaml" },
    }),
    422,
    "VALIDATION_FAILED",
    "infrastructureDefinition.spec.namespace",
  );
  expect(bad.extra.line).toBe(badYaml.split("\n").findIndex((l) => l.includes("namespace:")) + 1);

  // JSON validation and references.
  await problem(
    await request.post(`/api/infrastructures${SCOPE}`, {
      data: definition(`x_${suffix}`, { releaseName: "a".repeat(54) }),
    }),
    422,
    "VALIDATION_FAILED",
    "spec.releaseName",
  );
  await problem(
    await request.post(`/api/infrastructures${SCOPE}`, { data: definition(`x_${suffix}`, { region: "us-east-1" }) }),
    422,
    "VALIDATION_FAILED",
    "spec.cluster",
  );
  await problem(
    await request.post(`/api/infrastructures${SCOPE}`, {
      data: definition(`x_${suffix}`, { connectorRef: "no_such_connector" }),
    }),
    400,
    "BAD_REQUEST",
    "spec.connectorRef",
  );
  await problem(
    await request.post(`/api/infrastructures${SCOPE}`, { data: { ...definition(`x_${suffix}`), storage: "Remote" } }),
    422,
    "VALIDATION_FAILED",
    "storage",
  );
  await problem(
    await request.get(`/api/infrastructures/${json.identifier}${SCOPE}`),
    422,
    "VALIDATION_FAILED",
    "environment",
  );

  // List filtered by environment, with search.
  const list = await (await request.get(`/api/infrastructures${SCOPE}&environment=${env}&q=yaml_${suffix}`)).json();
  expect(
    list.items.map((x: { infrastructureDefinition: { identifier: string } }) => x.infrastructureDefinition.identifier),
  ).toEqual([yamlId]);

  // Update with If-Match; a stale version is a 409.
  const edited = { ...json, description: "edited" };
  const put = await request.put(item(json.identifier), { data: edited, headers: { "if-match": '"1"' } });
  expect(put.status()).toBe(200);
  expect(put.headers().etag).toBe('"2"');
  await problem(
    await request.put(item(json.identifier), { data: edited, headers: { "if-match": '"1"' } }),
    409,
    "VERSION_CONFLICT",
  );
  await problem(await request.put(item(json.identifier), { data: edited }), 428, "PRECONDITION_REQUIRED");

  // Resolve runtime inputs: valid, refused, unknown.
  const resolveUrl = `/api/infrastructures/${json.identifier}/resolve${SCOPE}&environment=${env}`;
  const ok = await request.post(resolveUrl, { data: { inputs: { "spec.namespace": "qa" } } });
  expect(ok.status()).toBe(200);
  const resolved = await ok.json();
  expect(resolved.spec).toMatchObject({ namespace: "qa", cluster: "ap-south-1/Cluster-test" });
  expect(resolved.yaml).toContain("    namespace: qa\n");
  const refused = await problem(
    await request.post(resolveUrl, { data: { inputs: { "spec.namespace": "prod" } } }),
    422,
    "VALIDATION_FAILED",
    "spec.namespace",
  );
  expect(refused.fieldErrors["spec.namespace"][0]).toContain("dev, qa");
  await problem(await request.post(resolveUrl, { data: { inputs: {} } }), 422, "VALIDATION_FAILED", "spec.namespace");
  await problem(
    await request.post(resolveUrl, { data: { inputs: { "spec.cluster": "other" } } }),
    400,
    "BAD_REQUEST",
    "spec.cluster",
  );

  // The connector and the environment are in use.
  const connDelete = await problem(await request.delete(`/api/connectors/${conn}`), 409, "IN_USE");
  expect(connDelete.detail).toContain(json.identifier);
  expect(connDelete.detail).toContain(yamlId);
  const envDelete = await problem(await request.delete(`/api/environments/${env}${SCOPE}`), 409, "IN_USE");
  expect(envDelete.extra.references.map((r: { identifier: string }) => r.identifier).sort()).toEqual(
    [json.identifier, yamlId].sort(),
  );

  // Once the definitions are gone both can be deleted.
  expect((await request.delete(item(json.identifier))).status()).toBe(204);
  expect((await request.delete(item(yamlId))).status()).toBe(204);
  await problem(await request.get(item(yamlId)), 404, "NOT_FOUND");
  expect((await request.delete(`/api/connectors/${conn}`)).status()).toBe(204);
  expect((await request.delete(`/api/environments/${env}${SCOPE}`)).status()).toBe(204);
  const trail = await queryRows(
    `SELECT action FROM "AuditEvent" WHERE "entityType" = 'InfrastructureDefinition' AND "entityId" = $1 ORDER BY at`,
    [`${env}/${json.identifier}`],
  );
  expect(trail.map((r) => (r as { action: string }).action)).toEqual(["CREATE", "UPDATE", "DELETE"]);
});

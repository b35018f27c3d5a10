// Environments and infrastructure definitions against PostgreSQL: CRUD, versions, audit rows,
// connector references and the delete guards (connector and environment).
import { beforeAll, describe, expect, it } from "vitest";
import { createConnector, deleteConnector } from "@/lib/connectors/service";
import { db } from "@/lib/db";
import {
  createEnvironment,
  deleteEnvironment,
  getEnvironment,
  listEnvironments,
  updateEnvironment,
} from "@/lib/environments/service";
import { AppError } from "@/lib/http/errors";
import { createOrganization, createProject, deleteProject, resolveScope } from "@/lib/scopes/service";
import type { Scope } from "@/lib/scope";
import { adminActor } from "@/scripts/lib/test-principals";
import { infrastructureInputSchema, type InfrastructureInput } from "./schemas";
import {
  createInfrastructure,
  deleteInfrastructure,
  getInfrastructure,
  infrastructureDtoToYaml,
  listInfrastructures,
  resolveInfrastructureInputs,
  updateInfrastructure,
} from "./service";

// An Account Admin: connectors that run as the delegate and secret references need its permissions.
const by = adminActor({ id: "tester", name: "Tester", kind: "user", requestId: "req-infra-test" });
const ORG = "infra_org";
let project: Scope;
let other: Scope;
let account: Scope;

const connector = (identifier: string) => ({
  name: identifier,
  identifier,
  description: "",
  tags: {},
  spec: {
    credential: { type: "InheritFromDelegate" as const, spec: null, region: "us-east-1" },
    delegateSelectors: [],
    executeOnDelegate: true,
  },
});
const definition = (
  identifier: string,
  spec: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): InfrastructureInput =>
  infrastructureInputSchema.parse({
    name: `EKS ${identifier}`,
    identifier,
    environmentRef: "dev",
    deploymentType: "Kubernetes",
    type: "KubernetesAws",
    ...top,
    spec: { connectorRef: "account.acct_aws", cluster: "ap-south-1/Cluster-test", namespace: "web", ...spec },
  });

async function rejects(p: Promise<unknown>, code: string, field?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe(code);
  if (field) expect(Object.keys(e.options.fieldErrors ?? {})).toContain(field);
  return e;
}
const audits = (entityType: string, entityId: string) =>
  db.auditEvent.findMany({
    where: { entityType, entityId },
    orderBy: { at: "asc" },
    select: { action: true, diff: true, requestId: true, projectIdentifier: true },
  });

beforeAll(async () => {
  await createOrganization({ input: { identifier: ORG, name: "Infra org", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "web", name: "Web", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "api", name: "API", description: "" }, by });
  account = await resolveScope({});
  project = await resolveScope({ org: ORG, project: "web" });
  other = await resolveScope({ org: ORG, project: "api" });
  await createConnector({ scope: account, input: connector("acct_aws"), by });
  await createConnector({ scope: project, input: connector("proj_aws"), by });
  await createEnvironment({
    scope: project,
    input: { identifier: "dev", name: "Dev", description: "", tags: {}, type: "PreProduction" },
    by,
  });
});

describe("environments", () => {
  it("need a project scope; identifiers are unique per project", async () => {
    await rejects(listEnvironments(account, {}), "BAD_REQUEST", "project");
    await rejects(
      createEnvironment({
        scope: project,
        input: { identifier: "dev", name: "Again", description: "", tags: {}, type: "Production" },
        by,
      }),
      "ALREADY_EXISTS",
      "identifier",
    );
    const same = await createEnvironment({
      scope: other,
      input: { identifier: "dev", name: "API dev", description: "", tags: {}, type: "Production" },
      by,
    });
    expect(same.environment).toMatchObject({ identifier: "dev", orgIdentifier: ORG, projectIdentifier: "api" });
    await rejects(
      createEnvironment({
        scope: project,
        input: { identifier: "x", name: "X", description: "", tags: {}, type: "Production", projectIdentifier: "api" },
        by,
      }),
      "VALIDATION_FAILED",
      "projectIdentifier",
    );
  });

  it("a project holding environments cannot be deleted", async () => {
    await createProject({ orgIdentifier: ORG, input: { identifier: "gone", name: "Gone", description: "" }, by });
    const gone = await resolveScope({ org: ORG, project: "gone" });
    await createEnvironment({
      scope: gone,
      input: { identifier: "prod", name: "Prod", description: "", tags: {}, type: "Production" },
      by,
    });
    const e = await rejects(deleteProject({ orgIdentifier: ORG, identifier: "gone", by }), "IN_USE");
    expect(e.detail).toContain('environment "prod" (project "gone"');
    await deleteEnvironment({ scope: gone, identifier: "prod", by });
    await deleteProject({ orgIdentifier: ORG, identifier: "gone", by });
  });

  it("update with the version edited from; a stale version is a 409 naming the current one; audited", async () => {
    const created = await createEnvironment({
      scope: project,
      input: { identifier: "qa", name: "QA", description: "", tags: {}, type: "PreProduction" },
      by,
    });
    const input = { ...created.environment, name: "QA 2" };
    const updated = await updateEnvironment({ scope: project, identifier: "qa", input, version: created.version, by });
    expect(updated).toMatchObject({ version: 2, environment: { name: "QA 2" } });
    const stale = await rejects(
      updateEnvironment({ scope: project, identifier: "qa", input: { ...input, name: "Lost" }, version: 1, by }),
      "VERSION_CONFLICT",
    );
    expect(stale.options.extra).toEqual({ currentVersion: 2 });
    expect((await getEnvironment(project, "qa")).environment.name).toBe("QA 2");
    expect((await audits("Environment", "qa")).map((a) => a.action)).toEqual(["CREATE", "UPDATE"]);
  });
});

describe("infrastructure definitions", () => {
  it("create with a fixed connector keeps its id; list filters by environment; GET and YAML agree", async () => {
    const dto = await createInfrastructure({
      scope: project,
      input: definition("eks_a", { region: "ap-south-1" }),
      by,
    });
    expect(dto).toMatchObject({
      version: 1,
      environment: { identifier: "dev", type: "PreProduction" },
      connector: { identifier: "acct_aws", scope: "account" },
      infrastructureDefinition: {
        environmentRef: "dev",
        orgIdentifier: ORG,
        projectIdentifier: "web",
        spec: { releaseName: "release-<+INFRA_KEY_SHORT_ID>" },
      },
    });
    const row = await db.infrastructureDefinition.findFirstOrThrow({
      where: { identifier: "eks_a" },
      include: { connector: true },
    });
    expect(row.connector?.identifier).toBe("acct_aws");
    expect((await getInfrastructure(project, "dev", "eks_a")).infrastructureDefinition).toEqual(
      dto.infrastructureDefinition,
    );
    const read = await getInfrastructure(project, "dev", "eks_a");
    const [yaml, version] = [infrastructureDtoToYaml(read), read.version];
    expect(version).toBe(1);
    expect(yaml).toMatch(/^infrastructureDefinition:\n {2}name: EKS eks_a\n/);
    expect(yaml).toContain("    cluster: ap-south-1/Cluster-test\n");
    const list = await listInfrastructures(project, { environment: "dev", limit: 50 });
    expect(list.items.map((i) => i.infrastructureDefinition.identifier)).toContain("eks_a");
    await rejects(listInfrastructures(project, { environment: "nope", limit: 50 }), "NOT_FOUND");
    expect((await listInfrastructures(other, { limit: 50 })).items).toEqual([]);
  });

  it("a fixed connectorRef must name a connector visible from the project (400 at spec.connectorRef)", async () => {
    await rejects(
      createInfrastructure({ scope: project, input: definition("eks_b", { connectorRef: "missing_aws" }), by }),
      "BAD_REQUEST",
      "spec.connectorRef",
    );
    // proj_aws lives in project web, so project api cannot see it.
    await createEnvironment({
      scope: other,
      input: { identifier: "stage", name: "Stage", description: "", tags: {}, type: "PreProduction" },
      by,
    });
    await rejects(
      createInfrastructure({
        scope: other,
        input: definition("eks_b", { connectorRef: "proj_aws" }, { environmentRef: "stage" }),
        by,
      }),
      "BAD_REQUEST",
      "spec.connectorRef",
    );
    const runtime = await createInfrastructure({
      scope: project,
      input: definition("eks_rt", { connectorRef: "<+input>", cluster: "<+input>" }),
      by,
    });
    expect(runtime.connector).toBeNull();
    await rejects(
      createInfrastructure({ scope: project, input: definition("eks_c", {}, { environmentRef: "nope" }), by }),
      "BAD_REQUEST",
      "environmentRef",
    );
    await rejects(
      createInfrastructure({ scope: project, input: definition("eks_a"), by }),
      "ALREADY_EXISTS",
      "identifier",
    );
  });

  it("versions: If-Match mismatch is a 409, identifier and environment cannot change; every change is audited", async () => {
    const created = await createInfrastructure({ scope: project, input: definition("eks_v"), by });
    const next = definition("eks_v", { connectorRef: "proj_aws", namespace: "<+input>.allowedValues(dev,qa)" });
    const updated = await updateInfrastructure({
      scope: project,
      environment: "dev",
      identifier: "eks_v",
      input: next,
      version: created.version,
      by,
    });
    expect(updated).toMatchObject({ version: 2, connector: { identifier: "proj_aws", scope: "project" } });
    const stale = await rejects(
      updateInfrastructure({ scope: project, environment: "dev", identifier: "eks_v", input: next, version: 1, by }),
      "VERSION_CONFLICT",
    );
    expect(stale.status).toBe(409);
    await rejects(
      updateInfrastructure({
        scope: project,
        environment: "dev",
        identifier: "eks_v",
        input: definition("eks_w"),
        version: 2,
        by,
      }),
      "VALIDATION_FAILED",
      "identifier",
    );
    await rejects(
      updateInfrastructure({
        scope: project,
        environment: "dev",
        identifier: "eks_v",
        input: definition("eks_v", {}, { environmentRef: "qa" }),
        version: 2,
        by,
      }),
      "VALIDATION_FAILED",
      "environmentRef",
    );
    await deleteInfrastructure({ scope: project, environment: "dev", identifier: "eks_v", by });
    await rejects(getInfrastructure(project, "dev", "eks_v"), "NOT_FOUND");
    const trail = await audits("InfrastructureDefinition", "dev/eks_v");
    expect(trail.map((a) => a.action)).toEqual(["CREATE", "UPDATE", "DELETE"]);
    expect(trail[1]).toMatchObject({ requestId: "req-infra-test", projectIdentifier: "web" });
    expect(trail[1]!.diff).toMatchObject({
      spec: {
        from: expect.objectContaining({ connectorRef: "account.acct_aws" }),
        to: expect.objectContaining({ connectorRef: "proj_aws" }),
      },
    });
  });

  it("resolve: fills runtime inputs, returns the spec and YAML; bad values are 422 at their paths, unknown ones 400", async () => {
    await createInfrastructure({
      scope: project,
      input: definition("eks_r", {
        connectorRef: "<+input>",
        namespace: "<+input>.allowedValues(dev,qa)",
        releaseName: "<+input>.default(web)",
      }),
      by,
    });
    const r = await resolveInfrastructureInputs({
      scope: project,
      environment: "dev",
      identifier: "eks_r",
      inputs: { "spec.connectorRef": "account.acct_aws", "spec.namespace": "qa" },
    });
    expect(r.spec).toMatchObject({
      connectorRef: "account.acct_aws",
      namespace: "qa",
      releaseName: "web",
      cluster: "ap-south-1/Cluster-test",
    });
    expect(r.yaml).toContain("    namespace: qa\n");
    expect(r.inputs.map((i) => i.path)).toEqual(["spec.connectorRef", "spec.namespace", "spec.releaseName"]);
    const bad = await rejects(
      resolveInfrastructureInputs({
        scope: project,
        environment: "dev",
        identifier: "eks_r",
        inputs: { "spec.namespace": "prod" },
      }),
      "VALIDATION_FAILED",
    );
    expect(Object.keys(bad.options.fieldErrors ?? {}).sort()).toEqual(["spec.connectorRef", "spec.namespace"]);
    await rejects(
      resolveInfrastructureInputs({
        scope: project,
        environment: "dev",
        identifier: "eks_r",
        inputs: { "spec.cluster": "x" },
      }),
      "BAD_REQUEST",
      "spec.cluster",
    );
    // A connector given at run time must be visible from the project like a fixed one.
    await rejects(
      resolveInfrastructureInputs({
        scope: project,
        environment: "dev",
        identifier: "eks_r",
        inputs: { "spec.connectorRef": "ghost", "spec.namespace": "qa" },
      }),
      "VALIDATION_FAILED",
      "spec.connectorRef",
    );
  });

  it("a connector used by a definition cannot be deleted: 409 naming the definitions; free again once they stop using it", async () => {
    await createConnector({ scope: project, input: connector("used_aws"), by });
    await createInfrastructure({ scope: project, input: definition("eks_u1", { connectorRef: "used_aws" }), by });
    const e = await rejects(deleteConnector({ scope: project, identifier: "used_aws", by }), "IN_USE");
    expect(e.status).toBe(409);
    expect(e.detail).toContain("eks_u1");
    expect(e.options.extra?.references).toEqual([
      {
        type: "InfrastructureDefinition",
        identifier: "eks_u1",
        name: "EKS eks_u1",
        environment: "dev",
        orgIdentifier: ORG,
        projectIdentifier: "web",
        field: "spec.connectorRef",
      },
    ]);
    const current = await getInfrastructure(project, "dev", "eks_u1");
    await updateInfrastructure({
      scope: project,
      environment: "dev",
      identifier: "eks_u1",
      input: definition("eks_u1", { connectorRef: "<+input>" }),
      version: current.version,
      by,
    });
    await deleteConnector({ scope: project, identifier: "used_aws", by });
  });

  it("the foreign keys refuse what the checks might miss (a raced delete of a used connector or environment)", async () => {
    const row = await db.infrastructureDefinition.findFirstOrThrow({ where: { identifier: "eks_a" } });
    await expect(db.connector.delete({ where: { id: row.connectorId! } })).rejects.toMatchObject({ code: "P2003" });
    await expect(db.environment.delete({ where: { id: row.environmentId } })).rejects.toMatchObject({ code: "P2003" });
  });

  it("an environment holding definitions cannot be deleted (409 naming them); an empty one can", async () => {
    const e = await rejects(deleteEnvironment({ scope: project, identifier: "dev", by }), "IN_USE");
    expect(e.detail).toMatch(/eks_a/);
    expect(e.options.extra?.references).toEqual(
      expect.arrayContaining([
        {
          type: "InfrastructureDefinition",
          identifier: "eks_a",
          name: "EKS eks_a",
          environment: "dev",
          orgIdentifier: ORG,
          projectIdentifier: "web",
        },
      ]),
    );
    await createEnvironment({
      scope: project,
      input: { identifier: "tmp", name: "Tmp", description: "", tags: {}, type: "Production" },
      by,
    });
    await deleteEnvironment({ scope: project, identifier: "tmp", by });
    await rejects(getEnvironment(project, "tmp"), "NOT_FOUND");
    expect((await audits("Environment", "tmp")).map((a) => a.action)).toEqual(["CREATE", "DELETE"]);
  });
});

// Integration (PostgreSQL): connector references resolve like secret references, from the
// caller's scope up to its org and the account, and carry the newest stored test.
import { SYSTEM_ACTOR } from "@/lib/scope";
import { beforeAll, describe, expect, it } from "vitest";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { saveTestResult } from "@/lib/connection-test/queries";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import type { Scope } from "@/lib/scope";
import { createSecret } from "@/lib/secrets/service";
import { resolveConnectorRef } from "./refs";
import { createConnector } from "./service";

const suffix = Date.now().toString(36);
const ORG = `refs_${suffix}`;
const by = { id: "test", name: "Test", kind: "system" } as const;
let account: Scope;
let org: Scope;
let project: Scope;
let otherProject: Scope;

async function connector(scope: Scope, identifier: string, name: string) {
  const secret = `sk_${identifier}`;
  await createSecret({
    scope,
    input: { identifier: secret, name: secret, description: "", tags: {}, value: "not-a-real-key" },
    by,
  });
  const input = accessKeyConnector(identifier, {
    name,
    accessKey: "AKIAEXAMPLE",
    secretKeyRef: secret,
    region: "eu-west-1",
  });
  return createConnector({ scope, input, by });
}

beforeAll(async () => {
  await createOrganization({ input: { identifier: ORG, name: "Refs org", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "web", name: "Web", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "api", name: "API", description: "" }, by });
  account = await resolveScope({});
  org = await resolveScope({ org: ORG });
  project = await resolveScope({ org: ORG, project: "web" });
  otherProject = await resolveScope({ org: ORG, project: "api" });
  // The same identifier at every level: the prefix alone decides which one is meant.
  await connector(account, `aws_${suffix}`, "Account AWS");
  await connector(org, `aws_${suffix}`, "Org AWS");
  await connector(project, `aws_${suffix}`, "Project AWS");
});

describe("resolveConnectorRef", () => {
  it("from a project: bare = the project's, org. = its org's, account. = the account's", async () => {
    const id = `aws_${suffix}`;
    const own = await resolveConnectorRef(project, id);
    expect(own).toMatchObject({
      name: "Project AWS",
      ref: id,
      scope: { level: "project", orgIdentifier: ORG, projectIdentifier: "web" },
    });
    expect(own?.spec.credential.region).toBe("eu-west-1");
    expect(await resolveConnectorRef(project, `org.${id}`)).toMatchObject({
      name: "Org AWS",
      ref: `org.${id}`,
      scope: { level: "org", orgIdentifier: ORG },
    });
    const acct = await resolveConnectorRef(project, `account.${id}`);
    expect(acct).toMatchObject({ name: "Account AWS", ref: `account.${id}`, scope: { level: "account" } });
    expect(acct?.scope.orgIdentifier).toBeUndefined();
  });

  it("a sibling project's connector is not visible; org. from the account scope resolves nothing", async () => {
    expect(await resolveConnectorRef(otherProject, `aws_${suffix}`)).toBeNull();
    expect(await resolveConnectorRef(account, `org.aws_${suffix}`)).toBeNull();
    expect(await resolveConnectorRef(project, "org.missing")).toBeNull();
    expect(await resolveConnectorRef(project, "not a ref")).toBeNull();
  });

  it("the ref is written the way the caller would: a prefix to its own level resolves to the bare identifier", async () => {
    expect(await resolveConnectorRef(org, `org.aws_${suffix}`)).toMatchObject({
      name: "Org AWS",
      ref: `aws_${suffix}`,
    });
    expect(await resolveConnectorRef(org, `aws_${suffix}`)).toMatchObject({ name: "Org AWS", ref: `aws_${suffix}` });
    expect(await resolveConnectorRef(account, `account.aws_${suffix}`)).toMatchObject({
      name: "Account AWS",
      ref: `aws_${suffix}`,
    });
  });

  it("carries the newest stored connection test for the picker", async () => {
    const id = `tested_${suffix}`;
    await connector(project, id, "Tested");
    const before = await resolveConnectorRef(project, id);
    expect(before?.lastTest).toBeNull();
    const save = (status: "FAILURE" | "SUCCESS", testedAt: number) =>
      saveTestResult({
        connectorId: before!.id,
        actor: "test",
        result: { status, errors: [], errorSummary: "", testedAt, delegateId: "d", durationMs: 10, steps: [] },
        audit: { actor: SYSTEM_ACTOR, action: "TEST", entityType: "Connector", entityId: id, scope: project },
      });
    await save("FAILURE", Date.parse("2026-01-01T10:00:00Z"));
    await save("SUCCESS", Date.parse("2026-01-01T11:00:00Z"));
    const after = await resolveConnectorRef(project, id);
    expect(after?.lastTest).toEqual({ status: "SUCCESS", testedAt: "2026-01-01T11:00:00.000Z" });
  });
});

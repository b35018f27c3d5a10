// The resource kernel against PostgreSQL: what every resource gets from it, checked once here
// through the connector resource (404, named 409s, versions, races, referrers, audit).
import { beforeAll, describe, expect, it } from "vitest";
import { connectors, createConnector, deleteConnector, updateConnector } from "@/lib/connectors/service";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { db } from "@/lib/db";
import { createEnvironment } from "@/lib/environments/service";
import { AppError } from "@/lib/http/errors";
import { createInfrastructure } from "@/lib/infrastructures/service";
import { infrastructureInputSchema } from "@/lib/infrastructures/schemas";
import { scopeKey, type Scope } from "@/lib/scope";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import { adminActor } from "@/scripts/lib/test-principals";

// An Account Admin: the connectors here run as the delegate, which needs `server_identity:use`.
const by = adminActor({ id: "kernel-tester", name: "Kernel tester", kind: "user", requestId: "req-kernel" });
const ORG = "kernel_org";
let project: Scope;

const input = (identifier: string, name = identifier): ConnectorInput => ({
  name,
  identifier,
  description: "",
  tags: {},
  spec: {
    credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
    delegateSelectors: [],
    executeOnDelegate: true,
  },
});

async function appError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  await createOrganization({ input: { identifier: ORG, name: "Kernel", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "p", name: "P", description: "" }, by });
  project = await resolveScope({ org: ORG, project: "p" });
});

describe("resource kernel", () => {
  it("404 and 409 say what and where", async () => {
    const missing = await appError(connectors.get(scopeKey(project), "nope"));
    expect(missing).toMatchObject({
      code: "NOT_FOUND",
      detail: `Connector "nope" does not exist in project "p" in org "${ORG}"`,
    });
    await createConnector({ scope: project, input: input("dup"), by });
    const dup = await appError(createConnector({ scope: project, input: input("dup"), by }));
    expect(dup.code).toBe("ALREADY_EXISTS");
    expect(dup.options.fieldErrors).toEqual({ identifier: [`Already in use in project "p" in org "${ORG}"`] });
  });

  it("a create that loses the race on the unique key gets the same named 409, and writes one row", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => createConnector({ scope: project, input: input("racer"), by })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "ALREADY_EXISTS" });
    }
    expect(await db.connector.count({ where: { identifier: "racer", projectIdentifier: "p" } })).toBe(1);
  });

  it("an update needs the current version, audits before and after, and a vanished row is 404", async () => {
    await createConnector({ scope: project, input: input("ver", "Before"), by });
    const stale = await appError(
      updateConnector({ scope: project, identifier: "ver", input: input("ver", "X"), version: 5, by }),
    );
    expect(stale).toMatchObject({ code: "VERSION_CONFLICT", options: { extra: { currentVersion: 1 } } });
    const saved = await updateConnector({
      scope: project,
      identifier: "ver",
      input: input("ver", "After"),
      version: 1,
      by,
    });
    expect(saved.version).toBe(2);
    const audit = await db.auditEvent.findFirst({
      where: { entityType: "Connector", entityId: "ver", action: "UPDATE" },
      orderBy: { at: "desc" },
    });
    expect(audit).toMatchObject({
      actor: "Kernel tester",
      actorId: "kernel-tester",
      actorKind: "user",
      requestId: "req-kernel",
    });
    expect(audit?.diff).toMatchObject({ name: { from: "Before", to: "After" } });

    const row = await connectors.get(scopeKey(project), "ver");
    await db.connector.delete({ where: { id: row.id } });
    const gone = await appError(
      connectors.update({ key: scopeKey(project), by }, row, 2, (tx) =>
        tx.connector.updateMany({ where: { id: row.id, version: 2 }, data: { name: "Z" } }).then((r) => r.count),
      ),
    );
    expect(gone).toMatchObject({ code: "NOT_FOUND", detail: 'Connector "ver" was deleted meanwhile' });
  });

  it("a write whose reference vanished meanwhile is a 422, not a misleading in-use", async () => {
    const err = await appError(
      connectors.create({ key: scopeKey(project), by }, "orphan", async (tx) => {
        const row = await tx.connector.create({
          data: {
            ...scopeKey(project),
            identifier: "orphan",
            name: "o",
            credentialType: "x",
            region: "us-east-1",
            spec: {},
          },
        });
        await tx.connectorSecretRef.create({ data: { connectorId: row.id, secretId: "no-such-secret", field: "f" } });
        return row;
      }),
    );
    expect(err.code).toBe("VALIDATION_FAILED");
    expect(await db.connector.count({ where: { identifier: "orphan" } })).toBe(0);
    // Held references name the field instead (held-references.test.ts).
    const held = await appError(
      connectors.create(
        {
          key: scopeKey(project),
          by,
          refs: [{ field: "spec.x", table: "Secret", id: "no-such-secret", what: "secret" }],
        },
        "orphan",
        () => Promise.reject(new Error("not reached")),
      ),
    );
    expect(held.options.fieldErrors).toHaveProperty(["spec.x"]);
  });

  it("a delete is refused while anything refers to the row, naming each referrer with kind and scope", async () => {
    await createConnector({ scope: project, input: input("used"), by });
    await createEnvironment({
      scope: project,
      input: { identifier: "dev", name: "Dev", description: "", tags: {}, type: "PreProduction" },
      by,
    });
    await createInfrastructure({
      scope: project,
      input: infrastructureInputSchema.parse({
        name: "Web",
        identifier: "web",
        environmentRef: "dev",
        deploymentType: "Kubernetes",
        type: "KubernetesAws",
        spec: { connectorRef: "used", cluster: "us-east-1/c", namespace: "web" },
      }),
      by,
    });
    const refused = await appError(deleteConnector({ scope: project, identifier: "used", by }));
    expect(refused.code).toBe("IN_USE");
    expect(refused.detail).toBe(
      `Connector "used" is still used by infrastructure definition "web" (environment "dev", project "p" in org "${ORG}"); change or delete them first`,
    );
    expect(await db.connector.count({ where: { identifier: "used" } })).toBe(1);
  });
});

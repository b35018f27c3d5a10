// Who still refers to a row: the one place that knows every relation that blocks a delete. The
// foreign keys (ON DELETE RESTRICT) are what really refuse it, also under races; this names them.
import "server-only";
import type { Tx } from "@/lib/db";
import type { Referrer, ResourceType } from "./types";

const LIMIT = 50;
const scopeOf = (r: { orgIdentifier: string; projectIdentifier: string }) => ({
  orgIdentifier: r.orgIdentifier || null,
  projectIdentifier: r.projectIdentifier || null,
});
const named = { identifier: true, name: true, orgIdentifier: true, projectIdentifier: true } as const;

async function secretReferrers(tx: Tx, id: string): Promise<Referrer[]> {
  const [connectors, clusters] = await Promise.all([
    tx.connectorSecretRef.findMany({ where: { secretId: id }, include: { connector: { select: named } }, take: LIMIT }),
    tx.gitopsClusterSecretRef.findMany({
      where: { secretId: id },
      include: { cluster: { select: named } },
      take: LIMIT,
    }),
  ]);
  return [
    ...connectors.map((r) => ({ type: "Connector" as const, ...r.connector, ...scopeOf(r.connector), field: r.field })),
    ...clusters.map((r) => ({ type: "GitopsCluster" as const, ...r.cluster, ...scopeOf(r.cluster), field: r.field })),
  ];
}

async function connectorReferrers(tx: Tx, id: string): Promise<Referrer[]> {
  const [definitions, agents] = await Promise.all([
    tx.infrastructureDefinition.findMany({
      where: { connectorId: id },
      select: { ...named, environment: { select: { identifier: true } } },
      orderBy: [{ projectIdentifier: "asc" }, { identifier: "asc" }],
      take: LIMIT,
    }),
    tx.gitopsAgent.findMany({ where: { connectorId: id }, select: named, orderBy: { identifier: "asc" }, take: LIMIT }),
  ]);
  return [
    ...definitions.map(({ environment, ...d }) => ({
      type: "InfrastructureDefinition" as const,
      ...d,
      ...scopeOf(d),
      environment: environment.identifier,
      field: "spec.connectorRef",
    })),
    ...agents.map((a) => ({ type: "GitopsAgent" as const, ...a, ...scopeOf(a), field: "spec.connectorRef" })),
  ];
}

async function environmentReferrers(tx: Tx, id: string): Promise<Referrer[]> {
  const rows = await tx.infrastructureDefinition.findMany({
    where: { environmentId: id },
    select: { ...named, environment: { select: { identifier: true } } },
    orderBy: { identifier: "asc" },
    take: LIMIT,
  });
  return rows.map(({ environment, ...d }) => ({
    type: "InfrastructureDefinition" as const,
    ...d,
    ...scopeOf(d),
    environment: environment.identifier,
  }));
}

async function agentReferrers(tx: Tx, id: string): Promise<Referrer[]> {
  const rows = await tx.gitopsCluster.findMany({
    where: { agentId: id },
    select: named,
    orderBy: { identifier: "asc" },
    take: LIMIT,
  });
  return rows.map((c) => ({ type: "GitopsCluster" as const, ...c, ...scopeOf(c), field: "agentIdentifier" }));
}

/** What a scope still holds: its own connectors, secrets, environments and GitOps agents. */
async function scopeContents(tx: Tx, accountId: string, orgIdentifier: string, projectIdentifier?: string) {
  const where = { accountId, orgIdentifier, ...(projectIdentifier !== undefined ? { projectIdentifier } : {}) };
  const select = named;
  const [connectors, secrets, environments, agents] = await Promise.all([
    tx.connector.findMany({ where, select, orderBy: { identifier: "asc" }, take: LIMIT }),
    tx.secret.findMany({ where, select, orderBy: { identifier: "asc" }, take: LIMIT }),
    tx.environment.findMany({ where, select, orderBy: { identifier: "asc" }, take: LIMIT }),
    // Clusters belong to agents, so a scope with no agents holds no GitOps clusters either.
    tx.gitopsAgent.findMany({ where, select, orderBy: { identifier: "asc" }, take: LIMIT }),
  ]);
  const as = (type: ResourceType) => (r: (typeof connectors)[number]) => ({ type, ...r, ...scopeOf(r) });
  return [
    ...connectors.map(as("Connector")),
    ...secrets.map(as("Secret")),
    ...environments.map(as("Environment")),
    ...agents.map(as("GitopsAgent")),
  ];
}

async function organizationReferrers(tx: Tx, id: string): Promise<Referrer[]> {
  const org = await tx.organization.findUnique({ where: { id }, include: { projects: { take: LIMIT } } });
  if (!org) return [];
  return [
    ...org.projects.map((p) => ({
      type: "Project" as const,
      identifier: p.identifier,
      name: p.name,
      orgIdentifier: org.identifier,
      projectIdentifier: null,
    })),
    ...(await scopeContents(tx, org.accountId, org.identifier)),
  ];
}

async function projectReferrers(tx: Tx, id: string): Promise<Referrer[]> {
  const project = await tx.project.findUnique({ where: { id }, include: { organization: true } });
  if (!project) return [];
  return scopeContents(tx, project.organization.accountId, project.organization.identifier, project.identifier);
}

const finders: Partial<Record<ResourceType, (tx: Tx, id: string) => Promise<Referrer[]>>> = {
  Organization: organizationReferrers,
  Project: projectReferrers,
  Secret: secretReferrers,
  Connector: connectorReferrers,
  Environment: environmentReferrers,
  GitopsAgent: agentReferrers,
};

/** Every item that refers to the row `id` of `type` (at most 50 of each kind). */
export async function referrersOf(tx: Tx, type: ResourceType, id: string): Promise<Referrer[]> {
  return (await finders[type]?.(tx, id)) ?? [];
}

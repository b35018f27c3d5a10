// Database access for organizations and projects.
import "server-only";
import { db, type Tx } from "@/lib/db";
import type { OrganizationCreate, OrganizationUpdate } from "./schemas";

export const findOrganization = (accountId: string, identifier: string) =>
  db.organization.findUnique({ where: { accountId_identifier: { accountId, identifier } } });

export const findProject = (organizationId: string, identifier: string) =>
  db.project.findUnique({ where: { organizationId_identifier: { organizationId, identifier } } });

export const listOrganizationRows = (accountId: string) =>
  db.organization.findMany({
    where: { accountId },
    orderBy: { identifier: "asc" },
    include: { _count: { select: { projects: true } } },
  });

export const listProjectRows = (organizationId: string) =>
  db.project.findMany({ where: { organizationId }, orderBy: { identifier: "asc" } });

export const insertOrganization = (tx: Tx, accountId: string, input: OrganizationCreate) =>
  tx.organization.create({ data: { accountId, ...input } });

export const insertProject = (tx: Tx, organizationId: string, input: OrganizationCreate) =>
  tx.project.create({ data: { organizationId, ...input } });

/** Updates only when the stored version is the expected one; returns the number of rows changed. */
export async function updateOrganizationRow(tx: Tx, id: string, version: number, input: OrganizationUpdate) {
  const r = await tx.organization.updateMany({
    where: { id, version },
    data: { name: input.name, description: input.description, version: { increment: 1 } },
  });
  return r.count;
}

export async function updateProjectRow(tx: Tx, id: string, version: number, input: OrganizationUpdate) {
  const r = await tx.project.updateMany({
    where: { id, version },
    data: { name: input.name, description: input.description, version: { increment: 1 } },
  });
  return r.count;
}

export const deleteOrganizationRow = (tx: Tx, id: string) => tx.organization.delete({ where: { id } });
export const deleteProjectRow = (tx: Tx, id: string) => tx.project.delete({ where: { id } });
export const getOrganizationById = (tx: Tx, id: string) => tx.organization.findUniqueOrThrow({ where: { id } });
export const getProjectById = (tx: Tx, id: string) => tx.project.findUniqueOrThrow({ where: { id } });
export const transaction = <T>(fn: (tx: Tx) => Promise<T>) => db.$transaction(fn);

/** What still lives in an org or project scope (blocks deleting it). */
export async function scopeContents(accountId: string, orgIdentifier: string, projectIdentifier?: string) {
  const where = { accountId, orgIdentifier, ...(projectIdentifier !== undefined ? { projectIdentifier } : {}) };
  const [connectors, secrets, environments, gitopsAgents] = await Promise.all([
    db.connector.findMany({ where, select: { identifier: true }, take: 20 }),
    db.secret.findMany({ where, select: { identifier: true }, take: 20 }),
    db.environment.findMany({ where, select: { identifier: true }, take: 20 }),
    // Clusters belong to agents, so a scope with no agents holds no GitOps clusters either.
    db.gitopsAgent.findMany({ where, select: { identifier: true }, take: 20 }),
  ]);
  return {
    connectors: connectors.map((c) => c.identifier),
    secrets: secrets.map((s) => s.identifier),
    environments: environments.map((e) => e.identifier),
    gitopsAgents: gitopsAgents.map((a) => a.identifier),
  };
}

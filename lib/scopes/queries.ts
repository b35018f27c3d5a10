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
export const reloadOrganization = (tx: Tx, id: string) => tx.organization.findUnique({ where: { id } });
export const reloadProject = (tx: Tx, id: string) => tx.project.findUnique({ where: { id } });

/** What still lives in an org or project scope (blocks deleting it). */

// Database access for infrastructure definitions.
import "server-only";
import { db, type Tx } from "@/lib/db";
import type { ProjectKey } from "@/lib/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InfrastructureListQuery } from "./dto";

// The environment names the definition in the API; the connector's scope tells where a fixed
// reference points.
const include = {
  environment: { select: { identifier: true, name: true, type: true } },
  connector: { select: { identifier: true, name: true, orgIdentifier: true, projectIdentifier: true } },
} as const;

export const findInfrastructure = (environmentId: string, identifier: string) =>
  db.infrastructureDefinition.findUnique({
    where: { environmentId_identifier: { environmentId, identifier } },
    include,
  });

export type InfrastructureRow = NonNullable<Awaited<ReturnType<typeof findInfrastructure>>>;

export async function listInfrastructureRows(
  key: ProjectKey,
  environmentId: string | undefined,
  query: InfrastructureListQuery,
) {
  const where: Prisma.InfrastructureDefinitionWhereInput = {
    ...key,
    ...(environmentId ? { environmentId } : {}),
    ...(query.deploymentType ? { deploymentType: query.deploymentType } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { identifier: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const rows = await db.infrastructureDefinition.findMany({
    where,
    include,
    // id breaks ties so the cursor walks a stable order.
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  return { rows: rows.slice(0, query.limit), nextCursor: rows.length > query.limit ? rows[query.limit - 1]!.id : null };
}

export const insertInfrastructure = (tx: Tx, data: Prisma.InfrastructureDefinitionUncheckedCreateInput) =>
  tx.infrastructureDefinition.create({ data, include });

export async function updateInfrastructureRow(
  tx: Tx,
  id: string,
  version: number,
  data: Prisma.InfrastructureDefinitionUncheckedUpdateManyInput,
) {
  const r = await tx.infrastructureDefinition.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  return r.count;
}

export const reloadInfrastructure = (tx: Tx, id: string) =>
  tx.infrastructureDefinition.findUnique({ where: { id }, include });
export const deleteInfrastructureRow = (tx: Tx, id: string) => tx.infrastructureDefinition.delete({ where: { id } });

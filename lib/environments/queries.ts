// Database access for environments.
import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EnvironmentListQuery } from "./schemas";

/** Environments live in a project, so every part of the key is a real identifier. */
export interface ProjectKey {
  accountId: string;
  orgIdentifier: string;
  projectIdentifier: string;
}

const withCount = { _count: { select: { infrastructures: true } } } as const;

export const findEnvironment = (key: ProjectKey, identifier: string) =>
  db.environment.findUnique({
    where: { accountId_orgIdentifier_projectIdentifier_identifier: { ...key, identifier } },
    include: withCount,
  });

export type EnvironmentRow = NonNullable<Awaited<ReturnType<typeof findEnvironment>>>;

export function listEnvironmentRows(key: ProjectKey, query: EnvironmentListQuery) {
  const where: Prisma.EnvironmentWhereInput = {
    ...key,
    ...(query.type ? { type: query.type } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { identifier: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  return db.environment.findMany({ where, include: withCount, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 });
}

export const insertEnvironment = (tx: Tx, data: Prisma.EnvironmentUncheckedCreateInput) =>
  tx.environment.create({ data, include: withCount });

export async function updateEnvironmentRow(
  tx: Tx,
  id: string,
  version: number,
  data: Prisma.EnvironmentUncheckedUpdateManyInput,
) {
  const r = await tx.environment.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  return r.count;
}

export const getEnvironmentById = (tx: Tx, id: string) =>
  tx.environment.findUniqueOrThrow({ where: { id }, include: withCount });

/** Identifiers of the definitions that keep an environment from being deleted (at most 20). */
export const infrastructuresIn = (tx: Tx, environmentId: string) =>
  tx.infrastructureDefinition.findMany({
    where: { environmentId },
    select: { identifier: true },
    orderBy: { identifier: "asc" },
    take: 20,
  });

export const deleteEnvironmentRow = (tx: Tx, id: string) => tx.environment.delete({ where: { id } });
export const transaction = <T>(fn: (tx: Tx) => Promise<T>) => db.$transaction(fn);

// Database access for environments.
import "server-only";
import { db, type Tx } from "@/lib/db";
import type { ProjectKey } from "@/lib/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EnvironmentListQuery } from "./schemas";

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

export const reloadEnvironment = (tx: Tx, id: string) =>
  tx.environment.findUnique({ where: { id }, include: withCount });

export const deleteEnvironmentRow = (tx: Tx, id: string) => tx.environment.delete({ where: { id } });

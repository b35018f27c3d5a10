// Database access for secrets. Ciphertext columns never leave this module and service.ts.
import "server-only";
import { db, type Tx } from "@/lib/db";
import type { ScopeKey } from "@/lib/scope";
import type { Prisma } from "@/lib/generated/prisma/client";

export const findSecret = (key: ScopeKey, identifier: string) =>
  db.secret.findUnique({ where: { accountId_orgIdentifier_projectIdentifier_identifier: { ...key, identifier } } });

export const listSecretRows = (scopes: ScopeKey[], q?: string) =>
  db.secret.findMany({
    where: {
      OR: scopes,
      ...(q
        ? {
            AND: [
              {
                OR: [
                  { name: { contains: q, mode: "insensitive" } },
                  { identifier: { contains: q, mode: "insensitive" } },
                ],
              },
            ],
          }
        : {}),
    },
    orderBy: [{ projectIdentifier: "desc" }, { orgIdentifier: "desc" }, { name: "asc" }],
    take: 500,
  });

export const insertSecret = (tx: Tx, data: Prisma.SecretUncheckedCreateInput) => tx.secret.create({ data });

export async function updateSecretRow(
  tx: Tx,
  id: string,
  version: number,
  data: Prisma.SecretUncheckedUpdateManyInput,
) {
  const r = await tx.secret.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  return r.count;
}

export const reloadSecret = (tx: Tx, id: string) => tx.secret.findUnique({ where: { id } });
export const deleteSecretRow = (tx: Tx, id: string) => tx.secret.delete({ where: { id } });

/** Who refers to a secret, by use: connectors (AWS key material) and GitOps clusters (bearer tokens). */
export async function findSecretUses(secretId: string): Promise<{ connectors: string[]; clusters: string[] }> {
  const [connectors, clusters] = await Promise.all([
    db.connectorSecretRef.findMany({
      where: { secretId },
      select: { connector: { select: { identifier: true } } },
      take: 5,
    }),
    db.gitopsClusterSecretRef.findMany({
      where: { secretId },
      select: { cluster: { select: { identifier: true } } },
      take: 5,
    }),
  ]);
  return {
    connectors: connectors.map((r) => r.connector.identifier),
    clusters: clusters.map((r) => r.cluster.identifier),
  };
}

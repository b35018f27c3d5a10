// Database access for connectors and their secret references.
import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Sealed } from "@/lib/secrets/crypto";
import type { ScopeKey } from "@/lib/scope";
import type { ConnectorListQuery } from "./dto";

export const findConnector = (key: ScopeKey, identifier: string) =>
  db.connector.findUnique({ where: { accountId_orgIdentifier_projectIdentifier_identifier: { ...key, identifier } } });

export type ConnectorRow = NonNullable<Awaited<ReturnType<typeof findConnector>>>;

export async function listConnectorRows(key: ScopeKey, query: ConnectorListQuery) {
  const where: Prisma.ConnectorWhereInput = {
    ...key,
    ...(query.credentialType ? { credentialType: query.credentialType } : {}),
    ...(query.lastTestStatus ? { lastTestStatus: query.lastTestStatus } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { identifier: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const rows = await db.connector.findMany({
    where,
    // id breaks ties so the cursor walks a stable order.
    orderBy: [
      { [query.sort]: query.sort === "lastTestedAt" ? { sort: query.order, nulls: "last" } : query.order },
      { id: query.order },
    ],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  return { rows: rows.slice(0, query.limit), nextCursor: rows.length > query.limit ? rows[query.limit - 1]!.id : null };
}

export const insertConnector = (tx: Tx, data: Prisma.ConnectorUncheckedCreateInput) => tx.connector.create({ data });

export async function updateConnectorRow(
  tx: Tx,
  id: string,
  version: number,
  data: Prisma.ConnectorUncheckedUpdateManyInput,
) {
  const r = await tx.connector.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  return r.count;
}

export const listSecretRefs = (connectorId: string) =>
  db.connectorSecretRef.findMany({ where: { connectorId }, select: { field: true, secretId: true } });

export async function replaceSecretRefs(tx: Tx, connectorId: string, refs: { field: string; secretId: string }[]) {
  await tx.connectorSecretRef.deleteMany({ where: { connectorId } });
  if (refs.length)
    await tx.connectorSecretRef.createMany({
      data: refs.map((r) => ({ connectorId, field: r.field, secretId: r.secretId })),
    });
}

export const reloadConnector = (tx: Tx, id: string) => tx.connector.findUnique({ where: { id } });
export const deleteConnectorRow = (tx: Tx, id: string) => tx.connector.delete({ where: { id } });

/** A referenced secret as the connection test needs it: sealed, never opened here. */
export interface SealedSecretRow extends Sealed {
  id: string;
  accountId: string;
}

// Timestamps are stored without a zone, in UTC: written out with the Z so every reader agrees.
/**
 * The connector with the sealed secrets its fields reference and its newest stored test, in one
 * SQL round trip: the connection test, lookups and sessions all read a connector this way.
 */
export async function findConnectorWithSecrets(key: ScopeKey, identifier: string) {
  const rows = await db.$queryRaw<
    {
      id: string;
      identifier: string;
      name: string;
      version: number;
      spec: Prisma.JsonValue;
      /** The chosen uses (lib/aws/usages.ts), for the connection test's checks. */
      usages: Prisma.JsonValue;
      secretRefs: { field: string; secret: SealedSecretRow & { valueUpdatedAt: string } }[];
      lastTest: { status: string; startedAt: string } | null;
    }[]
  >`
    SELECT c.id, c.identifier, c.name, c.version, c.spec, c.usages,
      COALESCE((
        SELECT json_agg(json_build_object('field', r.field, 'secret', json_build_object(
          'id', s.id, 'accountId', s."accountId", 'ciphertext', s.ciphertext, 'iv', s.iv, 'authTag', s."authTag",
          'keyId', s."keyId", 'valueUpdatedAt', to_char(s."valueUpdatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
        FROM "ConnectorSecretRef" r JOIN "Secret" s ON s.id = r."secretId"
        WHERE r."connectorId" = c.id
      ), '[]'::json) AS "secretRefs",
      (SELECT json_build_object('status', t.status, 'startedAt', to_char(t."startedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        FROM "ConnectorTest" t WHERE t."connectorId" = c.id ORDER BY t."testedAt" DESC LIMIT 1) AS "lastTest"
    FROM "Connector" c
    WHERE c."accountId" = ${key.accountId} AND c."orgIdentifier" = ${key.orgIdentifier}
      AND c."projectIdentifier" = ${key.projectIdentifier} AND c.identifier = ${identifier}`;
  return rows[0] ?? null;
}
export type ConnectorWithSecrets = NonNullable<Awaited<ReturnType<typeof findConnectorWithSecrets>>>;

// Database access for GitOps agents, clusters and the clusters' secret references.
import "server-only";
import { db, type Tx } from "@/lib/db";
import type { ProjectKey } from "@/lib/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { GitopsAgentListQuery, GitopsClusterListQuery } from "./schemas";

const agentInclude = { _count: { select: { clusters: true } } } as const;
const clusterInclude = {
  agent: { select: { identifier: true, name: true, namespace: true, flavour: true } },
} as const;
const search = (q?: string) =>
  q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" as const } },
          { identifier: { contains: q, mode: "insensitive" as const } },
        ],
      }
    : {};

export const findAgent = (key: ProjectKey, identifier: string) =>
  db.gitopsAgent.findUnique({
    where: { accountId_orgIdentifier_projectIdentifier_identifier: { ...key, identifier } },
    include: agentInclude,
  });
export type AgentRow = NonNullable<Awaited<ReturnType<typeof findAgent>>>;

export const listAgentRows = (key: ProjectKey, query: GitopsAgentListQuery) =>
  db.gitopsAgent.findMany({
    where: { ...key, ...search(query.q) },
    include: agentInclude,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });

export const insertAgent = (tx: Tx, data: Prisma.GitopsAgentUncheckedCreateInput) =>
  tx.gitopsAgent.create({ data, include: agentInclude });

export async function updateAgentRow(
  tx: Tx,
  id: string,
  version: number,
  data: Prisma.GitopsAgentUncheckedUpdateManyInput,
) {
  return (await tx.gitopsAgent.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } }))
    .count;
}
export const reloadAgent = (tx: Tx, id: string) => tx.gitopsAgent.findUnique({ where: { id }, include: agentInclude });
export const deleteAgentRow = (tx: Tx, id: string) => tx.gitopsAgent.delete({ where: { id } });

export const findCluster = (key: ProjectKey, identifier: string) =>
  db.gitopsCluster.findUnique({
    where: { accountId_orgIdentifier_projectIdentifier_identifier: { ...key, identifier } },
    include: clusterInclude,
  });
export type ClusterRow = NonNullable<Awaited<ReturnType<typeof findCluster>>>;

/** The cluster with its whole agent row: the test and the guide need the agent's connector. */
/** A cluster for its test: the agent, and the token reference with its sealed secret (for lib/secrets only). */
export const findClusterWithAgent = (key: ProjectKey, identifier: string) =>
  db.gitopsCluster.findUnique({
    where: { accountId_orgIdentifier_projectIdentifier_identifier: { ...key, identifier } },
    include: { agent: true, secretRefs: { include: { secret: true } } },
  });

export function listClusterRows(key: ProjectKey, query: GitopsClusterListQuery) {
  const where: Prisma.GitopsClusterWhereInput = {
    ...key,
    ...search(query.q),
    ...(query.agent ? { agent: { identifier: query.agent } } : {}),
    ...(query.status ? { connectionStatus: query.status } : {}),
  };
  return db.gitopsCluster.findMany({
    where,
    include: clusterInclude,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
}

export const insertCluster = (tx: Tx, data: Prisma.GitopsClusterUncheckedCreateInput) =>
  tx.gitopsCluster.create({ data, include: clusterInclude });

export async function updateClusterRow(
  tx: Tx,
  id: string,
  version: number,
  data: Prisma.GitopsClusterUncheckedUpdateManyInput,
) {
  return (await tx.gitopsCluster.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } }))
    .count;
}
export const reloadCluster = (tx: Tx, id: string) =>
  tx.gitopsCluster.findUnique({ where: { id }, include: clusterInclude });
export const deleteClusterRow = (tx: Tx, id: string) => tx.gitopsCluster.delete({ where: { id } });

export const listClusterSecretRefs = (clusterId: string) =>
  db.gitopsClusterSecretRef.findMany({ where: { clusterId }, select: { field: true, secretId: true } });

export async function replaceClusterSecretRefs(
  tx: Tx,
  clusterId: string,
  refs: { field: string; secretId: string; boundTo: string }[],
) {
  await tx.gitopsClusterSecretRef.deleteMany({ where: { clusterId } });
  if (refs.length) await tx.gitopsClusterSecretRef.createMany({ data: refs.map((r) => ({ clusterId, ...r })) });
}

/** Saves a test's outcome without touching `version`: a test is not an edit. */
export const saveClusterStatus = (
  tx: Tx,
  id: string,
  s: { connectionStatus: string; statusReason: string; serverVersion: string | null; testedAt: Date },
) => tx.gitopsCluster.update({ where: { id }, data: s, include: clusterInclude });

export const transaction = <T>(fn: (tx: Tx) => Promise<T>) => db.$transaction(fn);

// GitOps agents and clusters: project-scoped CRUD with optimistic versions and audit. An agent
// points at its management connector (foreign key while it resolves); a cluster belongs to an
// agent, and a bearer-token cluster holds a secret reference that keeps the secret alive.
import "server-only";
import { recordAudit } from "@/lib/audit/service";
import { resolveConnectorRef } from "@/lib/connectors/refs";
import { checkBodyScope, requireProject } from "@/lib/environments/service";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import { versionConflict } from "@/lib/http/version";
import type { Actor, Scope } from "@/lib/scopes/service";
import { resolveSecretRef } from "@/lib/secrets/service";
import type { GitopsAgentDto, GitopsClusterDto } from "./dto";
import * as q from "./queries";
import {
  clusterSecretRefs,
  type ConnectionStatus,
  type GitopsAgentInput,
  type GitopsAgentListQuery,
  type GitopsClusterInput,
  type GitopsClusterListQuery,
} from "./schemas";
import { agentToYaml, clusterToYaml } from "./yaml";

const projectOf = (scope: Scope, what: string): q.ProjectKey => requireProject(scope, what);

// ── Agents ────────────────────────────────────────────────────────────────────────────────
function agentDto(r: q.AgentRow): GitopsAgentDto {
  return {
    agent: {
      name: r.name,
      identifier: r.identifier,
      description: r.description,
      tags: (r.tags ?? {}) as Record<string, string>,
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      namespace: r.namespace,
      spec: { connectorRef: r.connectorRef, managementCluster: r.managementCluster, agentRoleArn: r.agentRoleArn },
    },
    version: r.version,
    clusterCount: r._count.clusters,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const agentAuditable = (r: q.AgentRow) => ({
  name: r.name,
  description: r.description,
  tags: r.tags,
  namespace: r.namespace,
  connectorRef: r.connectorRef,
  managementCluster: r.managementCluster,
  agentRoleArn: r.agentRoleArn,
});
const audit = (
  by: Actor,
  key: q.ProjectKey,
  entityType: string,
  entityId: string,
  action: "CREATE" | "UPDATE" | "DELETE",
) => ({
  actor: by.actor,
  requestId: by.requestId,
  action,
  entityType,
  entityId,
  scope: key,
});

async function agentColumns(scope: Scope, input: GitopsAgentInput) {
  const connector = await resolveConnectorRef(scope, input.spec.connectorRef);
  if (!connector) {
    throw new AppError("VALIDATION_FAILED", `No connector "${input.spec.connectorRef}" is visible from this project`, {
      fieldErrors: {
        "spec.connectorRef": [
          `No connector "${input.spec.connectorRef}" is visible from this project; create it or pick another`,
        ],
      },
    });
  }
  return {
    name: input.name,
    description: input.description,
    tags: input.tags,
    namespace: input.namespace,
    connectorRef: input.spec.connectorRef,
    connectorId: connector.id,
    managementCluster: input.spec.managementCluster,
    agentRoleArn: input.spec.agentRoleArn,
  };
}

export async function getAgentRowOrThrow(key: q.ProjectKey, identifier: string): Promise<q.AgentRow> {
  const row = await q.findAgent(key, identifier);
  if (!row) throw new AppError("NOT_FOUND", `GitOps agent "${identifier}" does not exist in this project`);
  return row;
}

export async function listAgents(scope: Scope, query: GitopsAgentListQuery): Promise<{ items: GitopsAgentDto[] }> {
  return { items: (await q.listAgentRows(projectOf(scope, "GitOps agents"), query)).map(agentDto) };
}

export async function getAgent(scope: Scope, identifier: string): Promise<GitopsAgentDto> {
  return agentDto(await getAgentRowOrThrow(projectOf(scope, "GitOps agents"), identifier));
}

export async function getAgentYaml(scope: Scope, identifier: string): Promise<{ yaml: string; version: number }> {
  const dto = await getAgent(scope, identifier);
  return { yaml: agentToYaml(dto.agent), version: dto.version };
}

export async function createAgent(opts: { scope: Scope; input: GitopsAgentInput; by: Actor }): Promise<GitopsAgentDto> {
  const key = projectOf(opts.scope, "GitOps agents");
  checkBodyScope(key, opts.input, "agent");
  if (await q.findAgent(key, opts.input.identifier)) {
    throw new AppError("ALREADY_EXISTS", `A GitOps agent "${opts.input.identifier}" already exists in this project`, {
      fieldErrors: { identifier: ["Already in use"] },
    });
  }
  const columns = await agentColumns(opts.scope, opts.input);
  const row = await q.transaction(async (tx) => {
    const created = await q.insertAgent(tx, { ...key, identifier: opts.input.identifier, ...columns });
    await recordAudit(tx, {
      ...audit(opts.by, key, "GitopsAgent", created.identifier, "CREATE"),
      after: agentAuditable(created),
    });
    return created;
  });
  return agentDto(row);
}

export async function updateAgent(opts: {
  scope: Scope;
  identifier: string;
  input: GitopsAgentInput;
  version: number;
  by: Actor;
}): Promise<GitopsAgentDto> {
  const key = projectOf(opts.scope, "GitOps agents");
  if (opts.input.identifier !== opts.identifier) {
    throw new AppError("VALIDATION_FAILED", "An agent's identifier cannot change", {
      fieldErrors: { identifier: [`Identifier is immutable; it stays "${opts.identifier}"`] },
    });
  }
  checkBodyScope(key, opts.input, "agent");
  const before = await getAgentRowOrThrow(key, opts.identifier);
  const columns = await agentColumns(opts.scope, opts.input);
  const after = await q.transaction(async (tx) => {
    if ((await q.updateAgentRow(tx, before.id, opts.version, columns)) === 0)
      throw versionConflict((await q.getAgentById(tx, before.id)).version);
    const updated = await q.getAgentById(tx, before.id);
    await recordAudit(tx, {
      ...audit(opts.by, key, "GitopsAgent", updated.identifier, "UPDATE"),
      before: agentAuditable(before),
      after: agentAuditable(updated),
    });
    return updated;
  });
  return agentDto(after);
}

export async function deleteAgent(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = projectOf(opts.scope, "GitOps agents");
  const row = await getAgentRowOrThrow(key, opts.identifier);
  const clusters = await q.clustersOfAgent(row.id);
  if (clusters.length) {
    throw new AppError(
      "IN_USE",
      `Clusters still use this agent: ${clusters.map((c) => c.identifier).join(", ")}. Delete them or move them to another agent first.`,
      {
        extra: { references: clusters.map((c) => ({ type: "GitopsCluster", identifier: c.identifier, name: c.name })) },
      },
    );
  }
  await q.transaction(async (tx) => {
    await q.deleteAgentRow(tx, row.id);
    await recordAudit(tx, {
      ...audit(opts.by, key, "GitopsAgent", row.identifier, "DELETE"),
      before: agentAuditable(row),
    });
  });
}

// ── Clusters ──────────────────────────────────────────────────────────────────────────────
type ClusterFields = Pick<
  q.ClusterRow,
  "masterUrl" | "authType" | "roleArn" | "awsClusterName" | "region" | "tokenRef" | "caData"
>;

export function clusterAuthOf(r: ClusterFields): GitopsClusterInput["spec"]["authentication"] {
  return r.authType === "BearerToken"
    ? { type: "BearerToken", spec: { tokenRef: r.tokenRef ?? "" } }
    : { type: "IRSA", spec: { roleArn: r.roleArn ?? "", clusterName: r.awsClusterName ?? "", region: r.region ?? "" } };
}

function clusterDto(r: q.ClusterRow): GitopsClusterDto {
  return {
    cluster: {
      name: r.name,
      identifier: r.identifier,
      description: r.description,
      tags: (r.tags ?? {}) as Record<string, string>,
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      agentIdentifier: r.agent.identifier,
      spec: { masterUrl: r.masterUrl, authentication: clusterAuthOf(r), caData: r.caData },
    },
    agent: r.agent,
    status: {
      connectionStatus: r.connectionStatus as ConnectionStatus,
      statusReason: r.statusReason,
      serverVersion: r.serverVersion,
      testedAt: r.testedAt?.toISOString() ?? null,
    },
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const clusterAuditable = (r: q.ClusterRow) => ({
  name: r.name,
  description: r.description,
  tags: r.tags,
  agent: r.agent.identifier,
  masterUrl: r.masterUrl,
  authType: r.authType,
  roleArn: r.roleArn,
  awsClusterName: r.awsClusterName,
  region: r.region,
  tokenRef: r.tokenRef,
  // The CA is public but long: the audit trail records that it changed, not the PEM.
  caDataLength: r.caData.length,
});

function clusterColumns(input: GitopsClusterInput, agentId: string) {
  const a = input.spec.authentication;
  return {
    name: input.name,
    description: input.description,
    tags: input.tags,
    agentId,
    masterUrl: input.spec.masterUrl,
    authType: a.type,
    roleArn: a.type === "IRSA" ? a.spec.roleArn : null,
    awsClusterName: a.type === "IRSA" ? a.spec.clusterName : null,
    region: a.type === "IRSA" ? a.spec.region : null,
    tokenRef: a.type === "BearerToken" ? a.spec.tokenRef : null,
    caData: input.spec.caData,
  };
}

/** A new endpoint, CA or identity makes the last test meaningless. */
const connectionChanged = (before: ClusterFields, after: ClusterFields) =>
  (["masterUrl", "authType", "roleArn", "awsClusterName", "region", "tokenRef", "caData"] as const).some(
    (k) => before[k] !== after[k],
  );
const UNTESTED = { connectionStatus: "Unknown", statusReason: "", serverVersion: null, testedAt: null };

async function resolveClusterRefs(scope: Scope, key: q.ProjectKey, input: GitopsClusterInput) {
  const fieldErrors: FieldErrors = {};
  const agent = await q.findAgent(key, input.agentIdentifier);
  if (!agent)
    fieldErrors.agentIdentifier = [`No GitOps agent "${input.agentIdentifier}" in this project; create it first`];
  const refs = [];
  for (const r of clusterSecretRefs(input)) {
    const secret = await resolveSecretRef(scope, r.ref);
    if (!secret)
      fieldErrors[r.field] = [`No secret "${r.ref}" is visible from this project; create it or pick another`];
    else refs.push({ field: r.field, secretId: secret.id });
  }
  if (Object.keys(fieldErrors).length)
    throw new AppError("VALIDATION_FAILED", "Some references do not resolve", { fieldErrors });
  return { agentId: agent!.id, refs };
}

export async function getClusterRowOrThrow(key: q.ProjectKey, identifier: string): Promise<q.ClusterRow> {
  const row = await q.findCluster(key, identifier);
  if (!row) throw new AppError("NOT_FOUND", `GitOps cluster "${identifier}" does not exist in this project`);
  return row;
}

export async function listClusters(
  scope: Scope,
  query: GitopsClusterListQuery,
): Promise<{ items: GitopsClusterDto[] }> {
  return { items: (await q.listClusterRows(projectOf(scope, "GitOps clusters"), query)).map(clusterDto) };
}

export async function getCluster(scope: Scope, identifier: string): Promise<GitopsClusterDto> {
  return clusterDto(await getClusterRowOrThrow(projectOf(scope, "GitOps clusters"), identifier));
}

export async function getClusterYaml(scope: Scope, identifier: string): Promise<{ yaml: string; version: number }> {
  const dto = await getCluster(scope, identifier);
  return { yaml: clusterToYaml(dto.cluster), version: dto.version };
}

export async function createCluster(opts: {
  scope: Scope;
  input: GitopsClusterInput;
  by: Actor;
}): Promise<GitopsClusterDto> {
  const key = projectOf(opts.scope, "GitOps clusters");
  checkBodyScope(key, opts.input, "cluster");
  if (await q.findCluster(key, opts.input.identifier)) {
    throw new AppError("ALREADY_EXISTS", `A GitOps cluster "${opts.input.identifier}" already exists in this project`, {
      fieldErrors: { identifier: ["Already in use"] },
    });
  }
  const { agentId, refs } = await resolveClusterRefs(opts.scope, key, opts.input);
  const row = await q.transaction(async (tx) => {
    const created = await q.insertCluster(tx, {
      ...key,
      identifier: opts.input.identifier,
      ...clusterColumns(opts.input, agentId),
    });
    await q.replaceClusterSecretRefs(tx, created.id, refs);
    await recordAudit(tx, {
      ...audit(opts.by, key, "GitopsCluster", created.identifier, "CREATE"),
      after: clusterAuditable(created),
    });
    return created;
  });
  return clusterDto(row);
}

export async function updateCluster(opts: {
  scope: Scope;
  identifier: string;
  input: GitopsClusterInput;
  version: number;
  by: Actor;
}): Promise<GitopsClusterDto> {
  const key = projectOf(opts.scope, "GitOps clusters");
  if (opts.input.identifier !== opts.identifier) {
    throw new AppError("VALIDATION_FAILED", "A cluster's identifier cannot change", {
      fieldErrors: { identifier: [`Identifier is immutable; it stays "${opts.identifier}"`] },
    });
  }
  checkBodyScope(key, opts.input, "cluster");
  const before = await getClusterRowOrThrow(key, opts.identifier);
  const { agentId, refs } = await resolveClusterRefs(opts.scope, key, opts.input);
  const columns = clusterColumns(opts.input, agentId);
  const after = await q.transaction(async (tx) => {
    const data =
      connectionChanged(before, columns) || agentId !== before.agentId ? { ...columns, ...UNTESTED } : columns;
    if ((await q.updateClusterRow(tx, before.id, opts.version, data)) === 0)
      throw versionConflict((await q.getClusterById(tx, before.id)).version);
    await q.replaceClusterSecretRefs(tx, before.id, refs);
    const updated = await q.getClusterById(tx, before.id);
    await recordAudit(tx, {
      ...audit(opts.by, key, "GitopsCluster", updated.identifier, "UPDATE"),
      before: clusterAuditable(before),
      after: clusterAuditable(updated),
    });
    return updated;
  });
  return clusterDto(after);
}

export async function deleteCluster(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = projectOf(opts.scope, "GitOps clusters");
  const row = await getClusterRowOrThrow(key, opts.identifier);
  await q.transaction(async (tx) => {
    await q.deleteClusterRow(tx, row.id);
    await recordAudit(tx, {
      ...audit(opts.by, key, "GitopsCluster", row.identifier, "DELETE"),
      before: clusterAuditable(row),
    });
  });
}

export { clusterDto };

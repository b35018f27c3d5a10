// GitOps agents and clusters: project-scoped CRUD with optimistic versions and audit. An agent
// points at its management connector (foreign key while it resolves); a cluster belongs to an
// agent, and a bearer-token cluster holds a secret reference that keeps the secret alive.
import "server-only";
import { resolveConnectorRef } from "@/lib/connectors/refs";
import { AppError, type FieldErrors } from "@/lib/http/errors";
import type { HeldReference } from "@/lib/resource/held-references";
import { defineResource, resourceMeta, rowMeta } from "@/lib/resource/kernel";
import { checkBodyScope, requireProject, scopeLabel, type Actor, type ProjectKey, type Scope } from "@/lib/scope";
import { assertSecretUse, endpointBinding, resolveSecretRef } from "@/lib/secrets/service";
import { checkSecretAccess } from "@/lib/connectors/access";
import type { GitopsAgentDto, GitopsClusterDto } from "./dto";
import { flavourOf } from "./flavours";
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

const AGENTS = "GitOps agents";
const CLUSTERS = "GitOps clusters";
const projectOf = (scope: Scope, what: string): ProjectKey => requireProject(scope, what);

// ── Agents ────────────────────────────────────────────────────────────────────────────────
function agentDto(r: q.AgentRow): GitopsAgentDto {
  return {
    agent: {
      ...resourceMeta(r),
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      namespace: r.namespace,
      spec: {
        connectorRef: r.connectorRef,
        managementCluster: r.managementCluster,
        agentRoleArn: r.agentRoleArn,
        flavour: flavourOf(r.flavour),
      },
    },
    clusterCount: r._count.clusters,
    ...rowMeta(r),
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
  flavour: r.flavour,
});
export const agents = defineResource<q.AgentRow, ProjectKey>({
  type: "GitopsAgent",
  where: (key) => `in ${scopeLabel(key)}`,
  find: q.findAgent,
  reload: q.reloadAgent,
  auditable: agentAuditable,
  auditScope: (key) => key,
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
    flavour: input.spec.flavour,
  };
}

/** The connector an agent's write holds (lib/resource/held-references.ts). */
const heldConnector = (c: { connectorId: string; connectorRef: string }): HeldReference[] => [
  { field: "spec.connectorRef", table: "Connector", id: c.connectorId, what: `connector "${c.connectorRef}"` },
];

export async function listAgents(scope: Scope, query: GitopsAgentListQuery): Promise<{ items: GitopsAgentDto[] }> {
  return { items: (await q.listAgentRows(projectOf(scope, AGENTS), query)).map(agentDto) };
}

export async function getAgent(scope: Scope, identifier: string): Promise<GitopsAgentDto> {
  return agentDto(await agents.get(projectOf(scope, AGENTS), identifier));
}

/** The `gitopsAgent:` YAML document of an agent. */
export const agentDtoToYaml = (dto: GitopsAgentDto): string => agentToYaml(dto.agent);

export async function createAgent(opts: { scope: Scope; input: GitopsAgentInput; by: Actor }): Promise<GitopsAgentDto> {
  const key = projectOf(opts.scope, AGENTS);
  checkBodyScope(key, opts.input, "agent");
  await agents.assertFree(key, opts.input.identifier);
  const columns = await agentColumns(opts.scope, opts.input);
  const row = await agents.create({ key, by: opts.by, refs: heldConnector(columns) }, opts.input.identifier, (tx) =>
    q.insertAgent(tx, { ...key, identifier: opts.input.identifier, ...columns }),
  );
  return agentDto(row);
}

export async function updateAgent(opts: {
  scope: Scope;
  identifier: string;
  input: GitopsAgentInput;
  version: number;
  by: Actor;
}): Promise<GitopsAgentDto> {
  const key = projectOf(opts.scope, AGENTS);
  agents.assertSameIdentifier(opts.identifier, opts.input.identifier);
  checkBodyScope(key, opts.input, "agent");
  const before = await agents.get(key, opts.identifier);
  const columns = await agentColumns(opts.scope, opts.input);
  const after = await agents.update({ key, by: opts.by, refs: heldConnector(columns) }, before, opts.version, (tx) =>
    q.updateAgentRow(tx, before.id, opts.version, columns),
  );
  return agentDto(after);
}

/** Refused while clusters still belong to it (the 409 names them). */
export async function deleteAgent(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = projectOf(opts.scope, AGENTS);
  const row = await agents.get(key, opts.identifier);
  await agents.remove({ key, by: opts.by }, row, (tx) => q.deleteAgentRow(tx, row.id));
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
      ...resourceMeta(r),
      orgIdentifier: r.orgIdentifier,
      projectIdentifier: r.projectIdentifier,
      agentIdentifier: r.agent.identifier,
      spec: { masterUrl: r.masterUrl, authentication: clusterAuthOf(r), caData: r.caData },
    },
    agent: { ...r.agent, flavour: flavourOf(r.agent.flavour) },
    status: {
      connectionStatus: r.connectionStatus as ConnectionStatus,
      statusReason: r.statusReason,
      serverVersion: r.serverVersion,
      testedAt: r.testedAt?.toISOString() ?? null,
    },
    ...rowMeta(r),
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

/** The agent and secrets a cluster names; `secret:access` is needed for a reference that is new or changed. */
async function resolveClusterRefs(
  scope: Scope,
  key: ProjectKey,
  input: GitopsClusterInput,
  by: Actor,
  current: Map<string, string> = new Map(),
) {
  const fieldErrors: FieldErrors = {};
  const agent = await q.findAgent(key, input.agentIdentifier);
  if (!agent)
    fieldErrors.agentIdentifier = [`No GitOps agent "${input.agentIdentifier}" in this project; create it first`];
  const refs = [];
  for (const r of clusterSecretRefs(input)) {
    const secret = await resolveSecretRef(scope, r.ref);
    if (!secret)
      fieldErrors[r.field] = [`No secret "${r.ref}" is visible from this project; create it or pick another`];
    else refs.push({ field: r.field, ref: r.ref, secret, secretId: secret.id });
  }
  if (Object.keys(fieldErrors).length)
    throw new AppError("VALIDATION_FAILED", "Some references do not resolve", { fieldErrors });
  checkSecretAccess(
    by,
    refs.filter((r) => current.get(r.field) !== r.secretId),
  );
  for (const r of refs) await assertSecretUse(r.secretId, "bearer-token", r.field, r.ref);
  // The token may be sent only to this endpoint with this CA (lib/secrets: openBearerToken).
  const boundTo = endpointBinding({ endpoint: input.spec.masterUrl, caData: input.spec.caData });
  const held: HeldReference[] = [
    { field: "agentIdentifier", table: "GitopsAgent", id: agent!.id, what: `GitOps agent "${input.agentIdentifier}"` },
    ...refs.map((r) => ({ field: r.field, table: "Secret" as const, id: r.secretId, what: `secret "${r.ref}"` })),
  ];
  return { agentId: agent!.id, refs: refs.map((r) => ({ field: r.field, secretId: r.secretId, boundTo })), held };
}

export const clusters = defineResource<q.ClusterRow, ProjectKey>({
  type: "GitopsCluster",
  where: (key) => `in ${scopeLabel(key)}`,
  find: q.findCluster,
  reload: q.reloadCluster,
  auditable: clusterAuditable,
  auditScope: (key) => key,
});

export async function listClusters(
  scope: Scope,
  query: GitopsClusterListQuery,
): Promise<{ items: GitopsClusterDto[] }> {
  return { items: (await q.listClusterRows(projectOf(scope, CLUSTERS), query)).map(clusterDto) };
}

export async function getCluster(scope: Scope, identifier: string): Promise<GitopsClusterDto> {
  return clusterDto(await clusters.get(projectOf(scope, CLUSTERS), identifier));
}

/** The `gitopsCluster:` YAML document of a cluster. */
export const clusterDtoToYaml = (dto: GitopsClusterDto): string => clusterToYaml(dto.cluster);

export async function createCluster(opts: {
  scope: Scope;
  input: GitopsClusterInput;
  by: Actor;
}): Promise<GitopsClusterDto> {
  const key = projectOf(opts.scope, CLUSTERS);
  checkBodyScope(key, opts.input, "cluster");
  await clusters.assertFree(key, opts.input.identifier);
  const { agentId, refs, held } = await resolveClusterRefs(opts.scope, key, opts.input, opts.by);
  const row = await clusters.create({ key, by: opts.by, refs: held }, opts.input.identifier, async (tx) => {
    const created = await q.insertCluster(tx, {
      ...key,
      identifier: opts.input.identifier,
      ...clusterColumns(opts.input, agentId),
    });
    await q.replaceClusterSecretRefs(tx, created.id, refs);
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
  const key = projectOf(opts.scope, CLUSTERS);
  clusters.assertSameIdentifier(opts.identifier, opts.input.identifier);
  checkBodyScope(key, opts.input, "cluster");
  const before = await clusters.get(key, opts.identifier);
  // A token may go only where it went before: a new endpoint or CA needs `secret:access` again.
  const sameEndpoint = before.masterUrl === opts.input.spec.masterUrl && before.caData === opts.input.spec.caData;
  const current = sameEndpoint
    ? new Map((await q.listClusterSecretRefs(before.id)).map((r) => [r.field, r.secretId]))
    : undefined;
  const { agentId, refs, held } = await resolveClusterRefs(opts.scope, key, opts.input, opts.by, current);
  const columns = clusterColumns(opts.input, agentId);
  const data = connectionChanged(before, columns) || agentId !== before.agentId ? { ...columns, ...UNTESTED } : columns;
  const after = await clusters.update(
    { key, by: opts.by, refs: held },
    before,
    opts.version,
    (tx) => q.updateClusterRow(tx, before.id, opts.version, data),
    (tx) => q.replaceClusterSecretRefs(tx, before.id, refs),
  );
  return clusterDto(after);
}

export async function deleteCluster(opts: { scope: Scope; identifier: string; by: Actor }): Promise<void> {
  const key = projectOf(opts.scope, CLUSTERS);
  const row = await clusters.get(key, opts.identifier);
  await clusters.remove({ key, by: opts.by }, row, (tx) => q.deleteClusterRow(tx, row.id));
}

export { clusterDto };

// The setup guide of one IRSA cluster, generated for its own values, and an agent's part of it
// (everything up to a healthy agent: it holds for every cluster the agent deploys to). The
// management cluster's OIDC issuer comes from DescribeCluster through the agent's connector when
// that works; else a placeholder the user is told to replace.
import "server-only";
import { awsErrorFacts } from "@/lib/aws/errors";
import { partitionOf } from "@/lib/aws/partitions";
import { openConnectorSession } from "@/lib/connectors/session";
import { requireProject } from "@/lib/scope";
import { describeTarget } from "@/lib/eks/access";
import { AppError } from "@/lib/http/errors";
import { roleOfArn } from "@/lib/oidc/policy";
import type { Scope } from "@/lib/scope";
import type { GitopsGuideDto } from "./dto";
import { flavourOf } from "./flavours";
import {
  AGENT_GUIDE_BLOCK_IDS,
  generateGuide,
  isAuthenticationMode,
  placeholderIssuer,
  type AuthenticationMode,
} from "./guide";
import * as q from "./queries";
import { splitClusterValue } from "./schemas";

const DESCRIBE_TIMEOUT_MS = 8_000;

type Issuer = { url: string | null; region: string; reason?: string };

/** The target cluster's authentication mode through the agent's connector; null when it cannot be read. */
async function targetAuthenticationMode(
  scope: Scope,
  connectorRef: string,
  region: string,
  name: string,
): Promise<AuthenticationMode | null> {
  try {
    const session = await openConnectorSession(scope, connectorRef);
    const { cluster } = await describeTarget(session, `${region}/${name}`, { callTimeoutMs: DESCRIBE_TIMEOUT_MS });
    return isAuthenticationMode(cluster.authenticationMode) ? cluster.authenticationMode : null;
  } catch {
    return null;
  }
}

async function managementIssuer(
  scope: Scope,
  agent: { connectorRef: string; managementCluster: string },
  fallbackRegion: string,
): Promise<Issuer> {
  const { region, name } = splitClusterValue(agent.managementCluster);
  let where = region ?? fallbackRegion;
  try {
    const session = await openConnectorSession(scope, agent.connectorRef);
    where = region ?? session.defaultRegion;
    const { cluster } = await describeTarget(session, agent.managementCluster, { callTimeoutMs: DESCRIBE_TIMEOUT_MS });
    if (cluster.oidcIssuer) return { url: cluster.oidcIssuer, region: where };
    return {
      url: null,
      region: where,
      reason: `The management cluster "${name}" has no OIDC issuer yet: create it with eksctl utils associate-iam-oidc-provider --cluster ${name} --approve, then reload.`,
    };
  } catch (err) {
    const said =
      err instanceof AppError
        ? (err.detail ?? err.message)
        : `${awsErrorFacts(err).code}: ${awsErrorFacts(err).message}`;
    return {
      url: null,
      region: where,
      reason: `Conduit could not read the management cluster "${name}" through connector "${agent.connectorRef}": ${said}`,
    };
  }
}

/** Where the guide's issuer came from; a placeholder says why and what to replace. */
const issuerOf = (issuer: Issuer): GitopsGuideDto["issuer"] =>
  issuer.url
    ? { source: "cluster", url: issuer.url }
    : {
        source: "placeholder",
        url: placeholderIssuer(issuer.region),
        reason: `${issuer.reason} Replace <MANAGEMENT_CLUSTER_OIDC_ID> with the ID at the end of the cluster's OpenID Connect provider URL.`,
      };

export async function getClusterGuide(opts: { scope: Scope; identifier: string }): Promise<GitopsGuideDto> {
  const key = requireProject(opts.scope, "GitOps clusters");
  const row = await q.findClusterWithAgent(key, opts.identifier);
  if (!row) throw new AppError("NOT_FOUND", `GitOps cluster "${opts.identifier}" does not exist in this project`);
  if (row.authType !== "IRSA" || !row.roleArn || !row.awsClusterName || !row.region) {
    throw new AppError("BAD_REQUEST", "The setup guide is for clusters that authenticate with an IAM role (IRSA)");
  }
  const [issuer, authenticationMode] = await Promise.all([
    managementIssuer(opts.scope, row.agent, row.region),
    targetAuthenticationMode(opts.scope, row.agent.connectorRef, row.region, row.awsClusterName),
  ]);
  const partition = partitionOf(row.region);
  const managementAccountId = roleOfArn(row.agent.agentRoleArn)?.accountId ?? "<MANAGEMENT_ACCOUNT_ID>";
  const values = {
    partition,
    managementAccountId,
    agentRoleArn: row.agent.agentRoleArn,
    deployerRoleArn: row.roleArn,
    agentNamespace: row.agent.namespace,
    flavour: flavourOf(row.agent.flavour),
    managementClusterName: splitClusterValue(row.agent.managementCluster).name,
    authenticationMode,
    clusterName: row.awsClusterName,
    region: row.region,
    server: row.masterUrl,
  };
  const guide = generateGuide({
    ...values,
    oidcIssuer: issuer.url,
    managementRegion: issuer.region,
    caData: row.caData,
    displayName: row.name,
  });
  return {
    guide,
    issuer: issuerOf(issuer),
    values,
  };
}

/** What stands for a cluster's role in the agent's guide: each cluster's own guide names its role. */
const clusterRolePlaceholder = (partition: string) => `arn:${partition}:iam::<TARGET_ACCOUNT_ID>:role/<CLUSTER_ROLE>`;
const PLACEHOLDERS = /<[A-Z][A-Z0-9_]*>/g;

/** The agent's part of the guide: OIDC provider, agent role, install, annotations, fsGroup, health. */
export async function getAgentGuide(opts: { scope: Scope; identifier: string }): Promise<GitopsGuideDto> {
  const key = requireProject(opts.scope, "GitOps agents");
  const agent = await q.findAgent(key, opts.identifier);
  if (!agent) throw new AppError("NOT_FOUND", `GitOps agent "${opts.identifier}" does not exist in this project`);
  const management = splitClusterValue(agent.managementCluster);
  const roleArn = roleOfArn(agent.agentRoleArn);
  const issuer = await managementIssuer(opts.scope, agent, management.region ?? "us-east-1");
  const partition = roleArn?.partition ?? partitionOf(issuer.region);
  const values = {
    partition,
    managementAccountId: roleArn?.accountId ?? "<MANAGEMENT_ACCOUNT_ID>",
    agentRoleArn: agent.agentRoleArn,
    deployerRoleArn: clusterRolePlaceholder(partition),
    agentNamespace: agent.namespace,
    flavour: flavourOf(agent.flavour),
    managementClusterName: management.name,
    authenticationMode: null,
    clusterName: "<CLUSTER>",
    region: issuer.region,
    server: "",
  };
  const full = generateGuide({ ...values, oidcIssuer: issuer.url, managementRegion: issuer.region, caData: "" });
  const blocks = full.blocks
    .filter((b) => (AGENT_GUIDE_BLOCK_IDS as readonly string[]).includes(b.id))
    .map((b) => ({ ...b, placeholders: [...new Set(b.content.match(PLACEHOLDERS) ?? [])] }));
  return {
    guide: { ...full, blocks },
    issuer: issuerOf(issuer),
    values,
  };
}

// The setup guide for a GitOps cluster reached through IRSA, as copyable blocks generated from
// the user's own values: the agent role (trusted by the management cluster's OIDC provider),
// its permission to assume the deployer role, the deployer role (mapped to system:masters in
// the target cluster), the Argo CD patches and the Argo CD cluster Secret. Pure (browser and
// server); partition-aware so GovCloud gets `arn:aws-us-gov:` everywhere.
import { stringify } from "yaml";
import { partitionOf, type Partition } from "@/lib/aws/partitions";
import { issuerHostPath, roleOfArn } from "@/lib/oidc/policy";

export interface GuideInput {
  partition: Partition;
  /** Account that owns the agent role and the management cluster's IAM OIDC provider. */
  managementAccountId: string;
  agentRoleArn: string;
  deployerRoleArn: string;
  /** The management cluster's OIDC issuer URL; null when it could not be read (a placeholder is used). */
  oidcIssuer: string | null;
  /** Region of the management cluster, for the placeholder issuer. */
  managementRegion: string;
  /** Namespace the GitOps agent (Argo CD) runs in. */
  agentNamespace: string;
  /** EKS name and region of the target cluster. */
  clusterName: string;
  region: string;
  /** The target cluster's API server URL and base64 PEM CA. */
  server: string;
  caData: string;
  /** Name Argo CD shows for the cluster (default: the EKS cluster name). */
  displayName?: string;
}

export type GuideBlockId =
  | "agentTrustPolicy"
  | "agentInlinePolicy"
  | "agentRoleCommands"
  | "deployerTrustPolicy"
  | "deployerRoleCommands"
  | "identityMapping"
  | "patchAgent"
  | "argoClusterSecret";

export interface GuideBlock {
  id: GuideBlockId;
  title: string;
  description: string;
  language: "json" | "shell" | "yaml";
  /** The file the commands below expect this block in. */
  filename?: string;
  content: string;
  /** Placeholder tokens in `content` the user must replace before using it. */
  placeholders: string[];
}

export interface Guide {
  partition: Partition;
  blocks: GuideBlock[];
}

export const AUDIENCE = "sts.amazonaws.com";
/** Argo CD's UID/GID in its images; the projected IRSA token must be readable by it. */
export const ARGOCD_FS_GROUP = 999;
export const ARGOCD_SERVICE_ACCOUNTS = ["argocd-application-controller", "argocd-server"] as const;
/** Each service account's workload: the controller is a StatefulSet, the server a Deployment. */
const ARGOCD_WORKLOADS = [
  { kind: "statefulset", name: "argocd-application-controller" },
  { kind: "deployment", name: "argocd-server" },
] as const;
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";
export const DEPLOYER_USERNAME = "deployer";

/** What stands in for the issuer until Conduit can read it from the management cluster. */
export const placeholderIssuer = (region: string) =>
  `https://oidc.eks.${region}.amazonaws.com/id/<MANAGEMENT_CLUSTER_OIDC_ID>`;
const PLACEHOLDER_TOKEN = "<MANAGEMENT_CLUSTER_OIDC_ID>";

const PARTITION_REGION: Record<Partition, string> = {
  aws: "us-east-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-cn": "cn-north-1",
};

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

export function agentTrustPolicy(
  i: Pick<GuideInput, "partition" | "managementAccountId" | "agentNamespace"> & { issuer: string },
) {
  const hostPath = issuerHostPath(i.issuer);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:${i.partition}:iam::${i.managementAccountId}:oidc-provider/${hostPath}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { [`${hostPath}:aud`]: AUDIENCE },
          // Every service account of the agent's namespace (controller, server, agent) may use it.
          StringLike: { [`${hostPath}:sub`]: `system:serviceaccount:${i.agentNamespace}:*` },
        },
      },
    ],
  };
}

export const agentInlinePolicy = (deployerRoleArn: string) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: "AssumeDeployerRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: deployerRoleArn }],
});

export const deployerTrustPolicy = (agentRoleArn: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: agentRoleArn }, Action: "sts:AssumeRole" }],
});

/**
 * The role ARN as the cluster's authenticator sees it: sessions are `assumed-role/<name>/…`, so
 * aws-auth only matches role ARNs without an IAM path.
 */
export function mappedRoleArn(roleArn: string): string {
  const role = roleOfArn(roleArn);
  return role && role.path !== "/"
    ? roleArn.replace(`role${role.path}${role.roleName}`, `role/${role.roleName}`)
    : roleArn;
}

/** `eksctl create iamidentitymapping`: the deployer role becomes a cluster admin in the target cluster. */
export const identityMappingCommand = (i: Pick<GuideInput, "clusterName" | "region" | "deployerRoleArn">) =>
  `eksctl create iamidentitymapping --cluster ${i.clusterName} --region ${i.region} --arn ${mappedRoleArn(i.deployerRoleArn)} --group system:masters --username ${DEPLOYER_USERNAME}`;

/** Argo CD's cluster Secret: Argo CD calls argocd-k8s-auth with the cluster name and role. */
export function argoClusterSecret(
  i: Pick<GuideInput, "agentNamespace" | "clusterName" | "server" | "caData" | "deployerRoleArn" | "displayName">,
): string {
  const config = {
    awsAuthConfig: { clusterName: i.clusterName, roleARN: i.deployerRoleArn },
    tlsClientConfig: { insecure: false, caData: i.caData },
  };
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: secretName(i.displayName ?? i.clusterName),
      namespace: i.agentNamespace,
      labels: { "argocd.argoproj.io/secret-type": "cluster" },
    },
    type: "Opaque",
    stringData: { name: i.displayName ?? i.clusterName, server: i.server, config: `${pretty(config)}\n` },
  };
  return stringify(secret, { lineWidth: 0 });
}

/** A Kubernetes object name (DNS subdomain) from a cluster name. */
export function secretName(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9-.]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 200);
  return `cluster-${base || "target"}`;
}

/** AWS CLI flags outside commercial AWS: the CLI must reach the partition's own IAM. */
const regionFlag = (partition: Partition, region: string) =>
  partition === "aws" ? "" : ` --region ${partitionOf(region) === partition ? region : PARTITION_REGION[partition]}`;

function roleCommands(
  roleArn: string,
  partition: Partition,
  region: string,
  trustFile: string,
  policy?: { name: string; file: string },
): string {
  const role = roleOfArn(roleArn);
  const name = role?.roleName ?? "<ROLE_NAME>";
  const path = role && role.path !== "/" ? ` --path ${role.path}` : "";
  const r = regionFlag(partition, region);
  const lines = [
    `aws iam create-role --role-name ${name}${path} --assume-role-policy-document file://${trustFile}${r}`,
  ];
  if (policy)
    lines.push(
      `aws iam put-role-policy --role-name ${name} --policy-name ${policy.name} --policy-document file://${policy.file}${r}`,
    );
  return lines.join("\n");
}

function patchCommands(i: Pick<GuideInput, "agentNamespace" | "agentRoleArn">): string {
  const annotate = JSON.stringify({ metadata: { annotations: { [IRSA_ANNOTATION]: i.agentRoleArn } } });
  const fsGroup = JSON.stringify({ spec: { template: { spec: { securityContext: { fsGroup: ARGOCD_FS_GROUP } } } } });
  return [
    ...ARGOCD_SERVICE_ACCOUNTS.map(
      (sa) => `kubectl -n ${i.agentNamespace} patch serviceaccount ${sa} --type merge -p '${annotate}'`,
    ),
    ...ARGOCD_WORKLOADS.map(
      (w) => `kubectl -n ${i.agentNamespace} patch ${w.kind} ${w.name} --type merge -p '${fsGroup}'`,
    ),
  ].join("\n");
}

export function generateGuide(i: GuideInput): Guide {
  const issuer = i.oidcIssuer ?? placeholderIssuer(i.managementRegion);
  const issuerPlaceholders = i.oidcIssuer ? [] : [PLACEHOLDER_TOKEN];
  const blocks: GuideBlock[] = [
    {
      id: "agentTrustPolicy",
      title: "Agent role trust policy",
      description: `Lets the service accounts in namespace ${i.agentNamespace} of the management cluster assume the agent role through the cluster's OIDC provider.`,
      language: "json",
      filename: "agent-trust.json",
      content: pretty(agentTrustPolicy({ ...i, issuer })),
      placeholders: issuerPlaceholders,
    },
    {
      id: "agentInlinePolicy",
      title: "Agent role inline policy",
      description: "Allows the agent role to assume the deployer role, and nothing else.",
      language: "json",
      filename: "agent-policy.json",
      content: pretty(agentInlinePolicy(i.deployerRoleArn)),
      placeholders: [],
    },
    {
      id: "agentRoleCommands",
      title: "Create the agent role",
      description: "Run in the account of the management cluster, next to agent-trust.json and agent-policy.json.",
      language: "shell",
      content: roleCommands(i.agentRoleArn, i.partition, i.managementRegion, "agent-trust.json", {
        name: "AssumeDeployerRole",
        file: "agent-policy.json",
      }),
      placeholders: [],
    },
    {
      id: "deployerTrustPolicy",
      title: "Deployer role trust policy",
      description:
        "Lets the agent role assume the deployer role. In another account, this role lives in the target cluster's account.",
      language: "json",
      filename: "deployer-trust.json",
      content: pretty(deployerTrustPolicy(i.agentRoleArn)),
      placeholders: [],
    },
    {
      id: "deployerRoleCommands",
      title: "Create the deployer role",
      description: "Run in the account of the target cluster, next to deployer-trust.json.",
      language: "shell",
      content: roleCommands(i.deployerRoleArn, i.partition, i.region, "deployer-trust.json"),
      placeholders: [],
    },
    {
      id: "identityMapping",
      title: "Map the deployer role in the target cluster",
      description: `Adds the deployer role to the target cluster's aws-auth mapping as user "${DEPLOYER_USERNAME}" in group system:masters (aws-auth matches role ARNs without their IAM path).`,
      language: "shell",
      content: identityMappingCommand(i),
      placeholders: [],
    },
    {
      id: "patchAgent",
      title: "Patch the agent's service accounts and workloads",
      description: `Annotates Argo CD's service accounts with the agent role and sets fsGroup ${ARGOCD_FS_GROUP} so Argo CD can read the projected token. The pods restart.`,
      language: "shell",
      content: patchCommands(i),
      placeholders: [],
    },
    {
      id: "argoClusterSecret",
      title: "Argo CD cluster Secret",
      description: "Registers the target cluster with Argo CD: it signs in with an EKS token for the deployer role.",
      language: "yaml",
      filename: "cluster-secret.yaml",
      content: argoClusterSecret(i),
      placeholders: [],
    },
  ];
  return { partition: i.partition, blocks };
}

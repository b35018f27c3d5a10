// The setup guide for a GitOps cluster reached through IRSA, as copyable blocks generated from
// the user's own values, in the order of the IAM-role document: the management cluster's OIDC
// provider, the agent role (trusted by it) and its permission to assume the deployer role, the
// agent's namespace and install, the IRSA annotations on the flavour's service accounts and their
// check, fsGroup 999 on its Deployment and StatefulSet, restart, health, the deployer role, its
// access to the target cluster (access entry, or aws-auth for CONFIG_MAP clusters) and the
// registration. Pure (browser and server); partition-aware so GovCloud gets `arn:aws-us-gov:`.
import { stringify } from "yaml";
import { partitionOf, type Partition } from "@/lib/aws/partitions";
import { IRSA_ANNOTATION, issuerHostPath, roleOfArn } from "@/lib/oidc/policy";
import { AGENT_FLAVOUR_INFO, type AgentFlavour } from "./flavours";

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
  /** EKS name of the management cluster (where the agent runs). */
  managementClusterName: string;
  /** Namespace the GitOps agent runs in. */
  agentNamespace: string;
  /** Which agent: decides the service accounts and workloads patched. */
  flavour: AgentFlavour;
  /** EKS name and region of the target cluster. */
  clusterName: string;
  region: string;
  /**
   * The target cluster's accessConfig.authenticationMode (DescribeCluster); null when it could not
   * be read: access entries are shown (the mode of clusters made today), with the aws-auth way beside.
   */
  authenticationMode: AuthenticationMode | null;
  /** The target cluster's API server URL and base64 PEM CA. */
  server: string;
  caData: string;
  /** Name Argo CD shows for the cluster (default: the EKS cluster name). */
  displayName?: string;
}

export const AUTHENTICATION_MODES = ["API", "API_AND_CONFIG_MAP", "CONFIG_MAP"] as const;
export type AuthenticationMode = (typeof AUTHENTICATION_MODES)[number];
export const isAuthenticationMode = (v: unknown): v is AuthenticationMode =>
  AUTHENTICATION_MODES.includes(v as AuthenticationMode);

/** The document's order, every step present. */
export const GUIDE_BLOCK_IDS = [
  "oidcProvider",
  "agentTrustPolicy",
  "agentInlinePolicy",
  "agentRoleCommands",
  "agentNamespace",
  "installAgent",
  "annotateServiceAccounts",
  "verifyServiceAccounts",
  "fsGroupPatch",
  "restartAgent",
  "agentHealth",
  "deployerTrustPolicy",
  "deployerRoleCommands",
  "clusterAccess",
  "registerCluster",
] as const;
export type GuideBlockId = (typeof GUIDE_BLOCK_IDS)[number];
/** The agent's own part, the same for every cluster it deploys to (the agent details page). */
export const AGENT_GUIDE_BLOCK_IDS = GUIDE_BLOCK_IDS.slice(0, GUIDE_BLOCK_IDS.indexOf("agentHealth") + 1);

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
  flavour: AgentFlavour;
  /** The access mode the clusterAccess block is written for. */
  accessMode: "access-entries" | "aws-auth";
  blocks: GuideBlock[];
}

export const AUDIENCE = "sts.amazonaws.com";
/** Argo CD's UID/GID in its images; the projected IRSA token must be readable by it. */
export const ARGOCD_FS_GROUP = 999;
export const DEPLOYER_USERNAME = "deployer";
/** The access policy the document's system:masters mapping corresponds to. */
export const CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";
export const accessPolicyArn = (partition: Partition, name = CLUSTER_ADMIN_POLICY) =>
  `arn:${partition}:eks::aws:cluster-access-policy/${name}`;

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

/** `aws eks create-access-entry` + `associate-access-policy`: the deployer role as cluster admin (API modes). */
export function accessEntryCommands(i: Pick<GuideInput, "clusterName" | "region" | "deployerRoleArn" | "partition">) {
  const arn = mappedRoleArn(i.deployerRoleArn);
  return [
    `aws eks create-access-entry --cluster-name ${i.clusterName} --region ${i.region} --principal-arn ${arn} --type STANDARD --username ${DEPLOYER_USERNAME}`,
    `aws eks associate-access-policy --cluster-name ${i.clusterName} --region ${i.region} --principal-arn ${arn} --policy-arn ${accessPolicyArn(i.partition)} --access-scope type=cluster`,
  ];
}

/** What gives the deployer role access to the cluster, for its authentication mode. */
export function clusterAccessCommands(
  i: Pick<GuideInput, "clusterName" | "region" | "deployerRoleArn" | "partition" | "authenticationMode">,
): string[] {
  return i.authenticationMode === "CONFIG_MAP" ? [identityMappingCommand(i)] : accessEntryCommands(i);
}

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
  description?: string,
): string {
  const role = roleOfArn(roleArn);
  const name = role?.roleName ?? "<ROLE_NAME>";
  const path = role && role.path !== "/" ? ` --path ${role.path}` : "";
  const r = regionFlag(partition, region);
  const lines = [
    `aws iam create-role --role-name ${name}${path} --assume-role-policy-document file://${trustFile}${description ? ` --description "${description}"` : ""}${r}`,
  ];
  if (policy)
    lines.push(
      `aws iam put-role-policy --role-name ${name} --policy-name ${policy.name} --policy-document file://${policy.file}${r}`,
    );
  return lines.join("\n");
}

const kubectl = (ns: string, rest: string) => `kubectl -n ${ns} ${rest}`;

/** Pods outside commercial AWS must use their region's STS endpoint: there is no global one. */
export const STS_REGIONAL_ANNOTATION = "eks.amazonaws.com/sts-regional-endpoints";
export const stsEndpoint = (region: string) => `https://sts.${region}.amazonaws.com`;

function annotateCommands(i: Pick<GuideInput, "agentNamespace" | "agentRoleArn" | "flavour" | "partition">): string {
  const annotations = {
    [IRSA_ANNOTATION]: i.agentRoleArn,
    ...(i.partition === "aws" ? {} : { [STS_REGIONAL_ANNOTATION]: "true" }),
  };
  const annotate = JSON.stringify({ metadata: { annotations } });
  return AGENT_FLAVOUR_INFO[i.flavour].serviceAccounts
    .map((sa) => kubectl(i.agentNamespace, `patch serviceaccount ${sa} --type merge -p '${annotate}'`))
    .join("\n");
}

function fsGroupCommands(i: Pick<GuideInput, "agentNamespace" | "flavour">): string {
  const fsGroup = JSON.stringify({ spec: { template: { spec: { securityContext: { fsGroup: ARGOCD_FS_GROUP } } } } });
  return AGENT_FLAVOUR_INFO[i.flavour].workloads
    .map((w) => kubectl(i.agentNamespace, `patch ${w.kind} ${w.name} --type merge -p '${fsGroup}'`))
    .join("\n");
}

function oidcProviderCommands(i: GuideInput, issuer: string): string {
  const id = issuer.split("/").pop() ?? "";
  return [
    `eksctl utils associate-iam-oidc-provider --cluster ${i.managementClusterName} --region ${i.managementRegion} --approve`,
    `aws iam list-open-id-connect-providers${regionFlag(i.partition, i.managementRegion)} --output text | grep ${id}`,
  ].join("\n");
}

export function generateGuide(i: GuideInput): Guide {
  const issuer = i.oidcIssuer ?? placeholderIssuer(i.managementRegion);
  const issuerPlaceholders = i.oidcIssuer ? [] : [PLACEHOLDER_TOKEN];
  const flavour = AGENT_FLAVOUR_INFO[i.flavour];
  const ns = i.agentNamespace;
  const sas = flavour.serviceAccounts;
  const workloads = flavour.workloads;
  const accessMode = i.authenticationMode === "CONFIG_MAP" ? "aws-auth" : "access-entries";
  const modeSaid = i.authenticationMode
    ? `The target cluster's authentication mode is ${i.authenticationMode}`
    : "Conduit could not read the target cluster's authentication mode (DescribeCluster accessConfig)";
  const blocks: GuideBlock[] = [
    {
      id: "oidcProvider",
      title: "IAM OIDC provider of the management cluster",
      description: `The agent's service accounts get AWS credentials through the management cluster "${i.managementClusterName}"'s OIDC provider (audience sts.amazonaws.com). Create it if the second command prints nothing (eksctl create cluster --with-oidc does this too).`,
      language: "shell",
      content: oidcProviderCommands(i, issuer),
      placeholders: issuerPlaceholders,
    },
    {
      id: "agentTrustPolicy",
      title: "Agent role trust policy",
      description: `Lets the service accounts in namespace ${ns} of the management cluster (${sas.join(", ")}) assume the agent role through the cluster's OIDC provider.`,
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
      content: roleCommands(
        i.agentRoleArn,
        i.partition,
        i.managementRegion,
        "agent-trust.json",
        { name: "AssumeDeployerRole", file: "agent-policy.json" },
        `IAM Role to be used by ${flavour.label} to gain AWS access`,
      ),
      placeholders: [],
    },
    {
      id: "agentNamespace",
      title: "Create the agent's namespace",
      description: `In the management cluster: the namespace the agent runs in, named in the agent role's trust policy.`,
      language: "shell",
      content: `kubectl create namespace ${ns}`,
      placeholders: [],
    },
    {
      id: "installAgent",
      title: flavour.install.title,
      description: flavour.install.description,
      language: "shell",
      content: flavour.install.commands(ns).join("\n"),
      placeholders: [],
    },
    {
      id: "annotateServiceAccounts",
      title: "Annotate the agent's service accounts with the agent role",
      description: `Adds ${IRSA_ANNOTATION} to ${sas.join(" and ")}, so their pods receive credentials for the agent role. The ARN must be exactly the agent role's, or the agent cannot tell which role to assume.${i.partition === "aws" ? "" : ` ${STS_REGIONAL_ANNOTATION} makes the pods call their region's STS (${stsEndpoint(i.managementRegion)}): ${i.partition} has no global STS endpoint.`}`,
      language: "shell",
      content: annotateCommands(i),
      placeholders: [],
    },
    {
      id: "verifyServiceAccounts",
      title: "Verify the annotations",
      description: `Each service account must show Annotations: ${IRSA_ANNOTATION}: ${i.agentRoleArn}.`,
      language: "shell",
      content: sas.map((sa) => kubectl(ns, `describe serviceaccount ${sa}`)).join("\n"),
      placeholders: [],
    },
    {
      id: "fsGroupPatch",
      title: `Set fsGroup ${ARGOCD_FS_GROUP} on the agent's workloads`,
      description: `The AWS authenticator reads the projected token under /var/run/secrets/; it runs as the Argo CD user (${ARGOCD_FS_GROUP}), so the pods need fsGroup ${ARGOCD_FS_GROUP} on the ${workloads.map((w) => `${w.kind === "deployment" ? "Deployment" : "StatefulSet"} ${w.name}`).join(" and the ")}.`,
      language: "shell",
      content: fsGroupCommands(i),
      placeholders: [],
    },
    {
      id: "restartAgent",
      title: "Restart the agent",
      description:
        "Patching the pod templates restarts the pods; restart them anyway if the annotations were added after fsGroup was already set, so the new pods get the role.",
      language: "shell",
      content: workloads.map((w) => kubectl(ns, `rollout restart ${w.kind}/${w.name}`)).join("\n"),
      placeholders: [],
    },
    {
      id: "agentHealth",
      title: "Wait until the agent is healthy and connected",
      description: flavour.health.description,
      language: "shell",
      content: flavour.health.commands(ns).join("\n"),
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
      content: roleCommands(
        i.deployerRoleArn,
        i.partition,
        i.region,
        "deployer-trust.json",
        undefined,
        "IAM Role to be used by AWS to Deploy in the target cluster",
      ),
      placeholders: [],
    },
    accessMode === "aws-auth"
      ? {
          id: "clusterAccess",
          title: "Map the deployer role in the target cluster (aws-auth)",
          description: `${modeSaid}, so access is granted in the aws-auth ConfigMap: the deployer role becomes user "${DEPLOYER_USERNAME}" in group system:masters (aws-auth matches role ARNs without their IAM path).`,
          language: "shell",
          content: identityMappingCommand(i),
          placeholders: [],
        }
      : {
          id: "clusterAccess",
          title: "Give the deployer role access to the target cluster (access entry)",
          description: `${modeSaid}${i.authenticationMode ? "" : " (clusters made today use API_AND_CONFIG_MAP)"}, so access is granted with an EKS access entry and the ${CLUSTER_ADMIN_POLICY} access policy. On a CONFIG_MAP cluster use instead: ${identityMappingCommand(i)}`,
          language: "shell",
          content: accessEntryCommands(i).join("\n"),
          placeholders: [],
        },
    i.flavour === "ARGO_CD"
      ? {
          id: "registerCluster",
          title: "Argo CD cluster Secret",
          description:
            "Registers the target cluster with Argo CD: it signs in with an EKS token for the deployer role.",
          language: "yaml",
          filename: "cluster-secret.yaml",
          content: argoClusterSecret(i),
          placeholders: [],
        }
      : {
          id: "registerCluster",
          title: "Register the cluster with the agent",
          description:
            "This GitOps cluster holds what the agent needs (Master URL, IRSA with the deployer role's ARN, the certificate authority data); in Harness the same values go under GitOps > Settings > Clusters > New Cluster. The agent stores it as this Argo CD cluster Secret, which you can also apply yourself.",
          language: "yaml",
          filename: "cluster-secret.yaml",
          content: argoClusterSecret(i),
          placeholders: [],
        },
  ];
  return { partition: i.partition, flavour: i.flavour, accessMode, blocks };
}

// What the GitOps API returns. Clusters carry secret references only, never token values.
import type { ResultEvent, StepEvent } from "@/lib/steps/types";
import type { AgentFlavour } from "./flavours";
import type { Guide } from "./guide";
import type { ConnectionStatus, GitopsAgentInput, GitopsClusterInput } from "./schemas";

type Scoped<T> = Omit<T, "orgIdentifier" | "projectIdentifier"> & { orgIdentifier: string; projectIdentifier: string };

export interface GitopsAgentDto {
  agent: Scoped<GitopsAgentInput>;
  version: number;
  /** Clusters registered with the agent (it cannot be deleted while > 0). */
  clusterCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface GitopsClusterDto {
  cluster: Scoped<GitopsClusterInput>;
  agent: { identifier: string; name: string; namespace: string; flavour: AgentFlavour };
  status: {
    connectionStatus: ConnectionStatus;
    statusReason: string;
    serverVersion: string | null;
    testedAt: string | null;
  };
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The chain the agent relies on, link by link (see connection-test.ts). */
export const CLUSTER_TEST_STEPS = [
  "credentials",
  "oidcProvider",
  "agentTrust",
  "assumeChain",
  "clusterAccess",
  "connect",
] as const;
export type ClusterTestStepId = (typeof CLUSTER_TEST_STEPS)[number];
export const CLUSTER_TEST_STEP_LABELS: Record<ClusterTestStepId, string> = {
  credentials: "Management connector credentials",
  oidcProvider: "Management cluster's OIDC provider",
  agentTrust: "Agent role trusts the agent's service accounts",
  assumeChain: "Agent role may assume the cluster's role",
  clusterAccess: "Cluster role has access to the cluster",
  connect: "Call /version on the cluster",
};

export type ClusterTestStep = StepEvent<ClusterTestStepId>;

/** The result line of "Test connection"'s stream; `failedStep`, `hint` and `command` say what to fix. */
export interface ClusterTestResult {
  status: Exclude<ConnectionStatus, "Unknown">;
  steps: ClusterTestStep[];
  failedStep: ClusterTestStepId | null;
  /** What went wrong, in a sentence; never a token or a secret. */
  message: string;
  hint: string | null;
  /** The commands that fix it, one per line, to copy (the failed step's `hint.commands`). */
  command: string | null;
  serverVersion: string | null;
  testedAt: string;
  durationMs: number;
  /** Set when the outcome could not be stored on the cluster, saying why. */
  notSaved?: string;
}

export type ClusterTestEvent = ClusterTestStep | ResultEvent<ClusterTestResult>;

export interface GitopsGuideDto {
  guide: Guide;
  /** Where the management cluster's OIDC issuer came from; a placeholder must be replaced. */
  issuer: { source: "cluster"; url: string } | { source: "placeholder"; url: string; reason: string };
  values: {
    partition: string;
    managementAccountId: string;
    agentRoleArn: string;
    deployerRoleArn: string;
    agentNamespace: string;
    flavour: AgentFlavour;
    managementClusterName: string;
    /** The target cluster's authentication mode, null when DescribeCluster could not be read. */
    authenticationMode: string | null;
    clusterName: string;
    region: string;
    server: string;
  };
}

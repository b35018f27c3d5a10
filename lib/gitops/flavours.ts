// What a GitOps agent is, and so which Kubernetes objects its setup touches: the Harness GitOps
// agent (its own `gitops-agent` Deployment beside Argo CD's application controller) or upstream
// Argo CD (`argocd-server` beside the controller). Pure and zod-free, for the browser and server.

export const AGENT_FLAVOURS = ["HARNESS_GITOPS_AGENT", "ARGO_CD"] as const;
export type AgentFlavour = (typeof AGENT_FLAVOURS)[number];
/** New agents; agents stored before flavours existed are ARGO_CD (what the guide set up then). */
export const DEFAULT_AGENT_FLAVOUR: AgentFlavour = "HARNESS_GITOPS_AGENT";

export interface Workload {
  kind: "deployment" | "statefulset";
  name: string;
}

export interface FlavourInfo {
  label: string;
  description: string;
  /** The service accounts annotated with the agent role (`eks.amazonaws.com/role-arn`). */
  serviceAccounts: readonly string[];
  /** The workloads that get `fsGroup: 999` and restart, in the document's order. */
  workloads: readonly Workload[];
  /** How the agent is installed, for the guide's install step. */
  install: { title: string; description: string; commands: (namespace: string) => string[] };
  /** How to see that it is healthy and connected. */
  health: { description: string; commands: (namespace: string) => string[] };
}

export const AGENT_FLAVOUR_INFO: Record<AgentFlavour, FlavourInfo> = {
  HARNESS_GITOPS_AGENT: {
    label: "Harness GitOps agent",
    description: "The Harness GitOps agent: gitops-agent and Argo CD's application controller.",
    serviceAccounts: ["argocd-application-controller", "gitops-agent"],
    workloads: [
      { kind: "deployment", name: "gitops-agent" },
      { kind: "statefulset", name: "argocd-application-controller" },
    ],
    install: {
      title: "Install the Harness GitOps agent",
      description:
        "Create the agent in Harness (Deployments > GitOps > Settings > GitOps Agents > New GitOps Agent) with this namespace, download its YAML (or Helm values) and apply it in the management cluster.",
      commands: (ns) => [`kubectl apply -n ${ns} -f gitops-agent.yaml`],
    },
    health: {
      description:
        "Wait until the pods are ready and the agent shows as Healthy and Connected in Harness before going further.",
      commands: (ns) => [
        `kubectl -n ${ns} rollout status deployment/gitops-agent --timeout=5m`,
        `kubectl -n ${ns} rollout status statefulset/argocd-application-controller --timeout=5m`,
        `kubectl -n ${ns} get pods`,
      ],
    },
  },
  ARGO_CD: {
    label: "Argo CD",
    description: "Upstream Argo CD: argocd-server and the application controller.",
    serviceAccounts: ["argocd-application-controller", "argocd-server"],
    workloads: [
      { kind: "deployment", name: "argocd-server" },
      { kind: "statefulset", name: "argocd-application-controller" },
    ],
    install: {
      title: "Install Argo CD",
      description: "Install Argo CD's stable manifests into the namespace (or use your own Helm release).",
      commands: (ns) => [
        `kubectl apply -n ${ns} -f https://raw.githubusercontent.com/argoproj/argo-cd/stable/manifests/install.yaml`,
      ],
    },
    health: {
      description: "Wait until Argo CD's server and application controller are ready before going further.",
      commands: (ns) => [
        `kubectl -n ${ns} rollout status deployment/argocd-server --timeout=5m`,
        `kubectl -n ${ns} rollout status statefulset/argocd-application-controller --timeout=5m`,
        `kubectl -n ${ns} get pods`,
      ],
    },
  },
};

export const isAgentFlavour = (v: unknown): v is AgentFlavour => AGENT_FLAVOURS.includes(v as AgentFlavour);
/** A stored value; anything unknown reads as Argo CD, what every agent was before flavours. */
export const flavourOf = (v: string | null | undefined): AgentFlavour => (isAgentFlavour(v) ? v : "ARGO_CD");

// The EKS infrastructure definition contract (Harness shape, type KubernetesAws), shared by the
// form (zodResolver) and the API. Every spec field, and allowSimultaneousDeployments, holds a
// fixed value, a runtime input (`<+input>…`) or an expression (`<+…>`) in its string form; the
// rules below check fixed values only, and cross-field rules land on the field to change.
import { z } from "zod";
import { isKnownRegion } from "@/lib/aws/partitions";
import { identifierSchema, versionSchema, resourceFields } from "@/lib/common/schemas";
import { kindOf } from "@/lib/runtime-input";
import { multiType, multiTypeBoolean } from "@/lib/runtime-input/zod";

export const DEFAULT_RELEASE_NAME = "release-<+INFRA_KEY_SHORT_ID>";

// ── Fixed values ──────────────────────────────────────────────────────────────────────────
const CONNECTOR_REF = /^(?:(?:account|org)\.)?[a-zA-Z_][0-9a-zA-Z_$]{0,127}$/;
// EKS CreateCluster: 1–100 characters, starting with a letter or digit. Across regions the
// value is `region/cluster` (how the cluster list names what it found in each region).
const CLUSTER = /^(?:([a-z][a-z0-9-]*[0-9])\/)?([0-9A-Za-z][A-Za-z0-9_-]{0,99})$/;
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Helm: a release name is a lowercase RFC 1123 subdomain of at most 53 characters.
export const HELM_RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const fixedConnectorRefSchema = z
  .string()
  .trim()
  .min(1, { error: "Choose a connector", abort: true })
  .regex(CONNECTOR_REF, "Use a connector identifier, optionally prefixed with account. or org.");

export const fixedRegionSchema = z
  .string()
  .refine((r) => r === "" || isKnownRegion(r), "Choose a region from the list");

export const fixedClusterSchema = z
  .string()
  .trim()
  .min(1, { error: "Choose or enter a cluster", abort: true })
  .superRefine((v, ctx) => {
    const m = CLUSTER.exec(v);
    if (!m) {
      ctx.addIssue({
        code: "custom",
        message: "A cluster name has 1–100 letters, digits, - or _ (optionally region/name, like us-east-1/prod)",
      });
    } else if (m[1] && !isKnownRegion(m[1])) {
      ctx.addIssue({
        code: "custom",
        message: `"${m[1]}" is not an AWS region; write region/name, like us-east-1/prod`,
      });
    }
  });

export const fixedNamespaceSchema = z
  .string()
  .min(1, { error: "Enter a namespace", abort: true })
  .max(63, "A namespace has at most 63 characters")
  .regex(
    DNS_LABEL,
    "A namespace is a DNS label: lowercase letters, digits and -, starting and ending with a letter or digit",
  );

export const fixedReleaseNameSchema = z
  .string()
  .min(1, { error: "Enter a release name", abort: true })
  .max(53, "A Helm release name has at most 53 characters")
  .regex(
    HELM_RELEASE_NAME,
    "A Helm release name uses lowercase letters, digits, - and ., starting and ending with a letter or digit",
  );

export const fixedProvisionerSchema = identifierSchema;

/** The region part of a fixed `region/cluster` value, if any. */
export function clusterRegion(cluster: string): string | undefined {
  return CLUSTER.exec(cluster.trim())?.[1];
}

// ── Choices ───────────────────────────────────────────────────────────────────────────────
export const DEPLOYMENT_TYPES = ["Kubernetes", "NativeHelm"] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];
export const DEPLOYMENT_TYPE_LABELS: Record<DeploymentType, string> = {
  Kubernetes: "Kubernetes",
  NativeHelm: "Native Helm",
};
export const STORAGE_TYPES = ["Inline"] as const;

const deploymentTypeSchema = z.enum(DEPLOYMENT_TYPES, {
  error: (iss) =>
    typeof iss.input === "string" && iss.input !== ""
      ? `${iss.input} deployments are not available yet; choose Kubernetes or NativeHelm`
      : "Choose a deployment type: Kubernetes or NativeHelm",
});
const storageSchema = z.enum(STORAGE_TYPES, {
  error: (iss) =>
    iss.input === "Remote" || iss.input === "Git"
      ? `${iss.input} storage is not available yet; definitions are stored Inline`
      : "Storage is Inline",
});
const infraTypeSchema = z.literal("KubernetesAws", {
  error: (iss) =>
    typeof iss.input === "string" && iss.input !== ""
      ? `${iss.input} infrastructure is not available yet; use KubernetesAws (Elastic Kubernetes Service)`
      : "Set type to KubernetesAws",
});

// ── Spec ──────────────────────────────────────────────────────────────────────────────────
/** Every field that accepts fixed / runtime input / expression, by its path in the definition. */
export const MULTI_TYPE_FIELDS = [
  { path: "spec.connectorRef", label: "Connector" },
  { path: "spec.region", label: "Region" },
  { path: "spec.cluster", label: "Cluster" },
  { path: "spec.namespace", label: "Namespace" },
  { path: "spec.releaseName", label: "Release name" },
  { path: "spec.provisioner", label: "Provisioner" },
  { path: "allowSimultaneousDeployments", label: "Allow simultaneous deployments" },
] as const;
export type MultiTypePath = (typeof MULTI_TYPE_FIELDS)[number]["path"];

export const infrastructureSpecSchema = z
  .strictObject({
    connectorRef: multiType(fixedConnectorRefSchema),
    // "" (no filter) reads as absent, so the form can clear the field.
    region: multiType(fixedRegionSchema)
      .optional()
      .transform((v) => (v === "" ? undefined : v)),
    cluster: multiType(fixedClusterSchema),
    namespace: multiType(fixedNamespaceSchema),
    releaseName: multiType(fixedReleaseNameSchema).default(DEFAULT_RELEASE_NAME),
    provisioner: multiType(fixedProvisionerSchema).optional(),
  })
  .superRefine((spec, ctx) => clusterRules(spec, ctx));

/**
 * Dependency rules between connector, region and cluster.
 * The cluster list can load only while the connector (and the region, when set) are fixed;
 * otherwise a fixed cluster is free text, so it is accepted and only its syntax is checked.
 * What can be checked is checked: a fixed `region/cluster` must lie in a fixed region filter.
 */
function clusterRules(spec: { region?: string; cluster: string }, ctx: z.RefinementCtx) {
  if (kindOf(spec.cluster) !== "fixed") return;
  const inRegion = clusterRegion(spec.cluster);
  const filter = spec.region && kindOf(spec.region) === "fixed" ? spec.region : undefined;
  if (inRegion && filter && inRegion !== filter) {
    ctx.addIssue({
      code: "custom",
      path: ["cluster"],
      message: `This cluster is in ${inRegion} but the region is set to ${filter}; choose a cluster in ${filter} or clear the region`,
    });
  }
}

// ── Definition ────────────────────────────────────────────────────────────────────────────
const unique = (xs: readonly unknown[]) => new Set(xs).size === xs.length;

const infrastructureFields = {
  ...resourceFields,
  environmentRef: z.string({ error: "Choose an environment" }).pipe(identifierSchema),
  deploymentType: deploymentTypeSchema,
  type: infraTypeSchema,
  storage: storageSchema.default("Inline"),
  allowSimultaneousDeployments: multiTypeBoolean().default(false),
  scopedServices: z
    .array(z.string().regex(CONNECTOR_REF, "Use a service identifier, optionally prefixed with account. or org."))
    .max(100, "Scope at most 100 services")
    .refine(unique, "List each service once")
    .default([]),
  spec: infrastructureSpecSchema,
};

export const infrastructureInputSchema = z.strictObject(infrastructureFields);
export const infrastructureUpdateSchema = z.strictObject({
  ...infrastructureFields,
  version: versionSchema.optional(),
});

export type InfrastructureInput = z.infer<typeof infrastructureInputSchema>;
export type InfrastructureSpec = InfrastructureInput["spec"];
/** What the form holds before parsing (defaults not yet applied). */
export type InfrastructureFormValues = z.input<typeof infrastructureInputSchema>;
export type InfrastructureUpdate = z.infer<typeof infrastructureUpdateSchema>;

/** Values for a new definition form in an environment. */
export function defaultInfrastructureInput(environmentRef = ""): InfrastructureFormValues {
  return {
    name: "",
    identifier: "",
    description: "",
    tags: {},
    environmentRef,
    deploymentType: "Kubernetes",
    type: "KubernetesAws",
    storage: "Inline",
    allowSimultaneousDeployments: false,
    scopedServices: [],
    spec: { connectorRef: "", cluster: "", namespace: "", releaseName: DEFAULT_RELEASE_NAME },
  };
}

// GitOps agents and clusters: the contract shared by the forms (zodResolver) and the API.
// Cross-field rules attach their issues to the field the user has to change.
import { z } from "zod";
import { PARTITION_LABELS, REGION_CODES, parseArn, partitionOf } from "@/lib/aws/partitions";
import { identifierSchema, versionSchema, resourceFields } from "@/lib/common/schemas";
import { iamRoleArnSchema } from "@/lib/aws/schemas";
import { secretRefSchema } from "@/lib/connectors/schemas";
import { AGENT_FLAVOURS, DEFAULT_AGENT_FLAVOUR } from "./flavours";

// ── Fields ────────────────────────────────────────────────────────────────────────────────
/** `account.x` / `org.x` / `x` (same project), like secret references. */
export const connectorRefSchema = z
  .string()
  .trim()
  .min(1, "Choose the connector that reaches the management cluster")
  .regex(
    /^(?:(?:account|org)\.)?[a-zA-Z_][0-9a-zA-Z_$]{0,127}$/,
    "Use a connector identifier, optionally prefixed with account. or org.",
  );

/** A Kubernetes namespace: a DNS label. */
export const namespaceSchema = z
  .string()
  .trim()
  .min(1, "Enter the namespace the agent runs in")
  .max(63, "At most 63 characters")
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "Lowercase letters, digits and -, starting and ending with a letter or digit",
  );

/** EKS's own rule for cluster names. */
export const eksClusterNameSchema = z
  .string()
  .trim()
  .min(1, "Enter the EKS cluster name")
  .max(100, "At most 100 characters")
  .regex(/^[0-9A-Za-z][A-Za-z0-9\-_]*$/, "Letters, digits, - and _, starting with a letter or digit");

/** The lookups' value: `region/cluster` when listed across regions, else the bare name. */
export const managementClusterSchema = z
  .string()
  .trim()
  .min(1, "Choose the management cluster")
  .max(140, "At most 140 characters")
  .regex(
    /^(?:[a-z]{2}(?:-[a-z]+)+-\d+\/)?[0-9A-Za-z][A-Za-z0-9\-_]*$/,
    "Use a cluster name, or region/name as the cluster list shows it",
  );

/** Splits `region/name`; a bare name has no region. */
export function splitClusterValue(value: string): { region?: string; name: string } {
  const i = value.indexOf("/");
  return i < 0 ? { name: value } : { region: value.slice(0, i), name: value.slice(i + 1) };
}

export const masterUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the Kubernetes API server URL")
  .max(2048, "At most 2048 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === "https:" && !!u.hostname && !u.username && !u.password && !u.search && !u.hash;
    } catch {
      return false;
    }
  }, "Enter an https:// URL such as https://ABC123.gr7.us-east-1.eks.amazonaws.com");

/** True when `s` is base64 of a PEM certificate, the shape of EKS's certificateAuthority.data. */
export function isPemCaData(s: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s) || s.length % 4 !== 0) return false;
  try {
    return /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(atob(s));
  } catch {
    return false;
  }
}

export const caDataSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, ""))
  .pipe(
    z
      .string()
      .min(1, "Paste the cluster's certificate authority data (base64)")
      .max(65_536, "At most 64 KB")
      .refine(isPemCaData, "Paste the base64-encoded PEM certificate, as EKS shows it under Certificate authority"),
  );

// ── Agent ─────────────────────────────────────────────────────────────────────────────────
/** Which agent runs in the namespace (Conduit's field): decides the service accounts and workloads. */
export const agentFlavourSchema = z
  .enum(AGENT_FLAVOURS, { error: "Choose HARNESS_GITOPS_AGENT or ARGO_CD" })
  .default(DEFAULT_AGENT_FLAVOUR);

export const gitopsAgentSpecSchema = z.strictObject({
  connectorRef: connectorRefSchema,
  managementCluster: managementClusterSchema,
  agentRoleArn: iamRoleArnSchema,
  flavour: agentFlavourSchema,
});

const agentFields = {
  ...resourceFields,
  namespace: namespaceSchema,
  spec: gitopsAgentSpecSchema,
};

export const gitopsAgentInputSchema = z.strictObject(agentFields);
export const gitopsAgentUpdateSchema = z.strictObject({ ...agentFields, version: versionSchema.optional() });
export type GitopsAgentInput = z.infer<typeof gitopsAgentInputSchema>;
export type GitopsAgentFormValues = z.input<typeof gitopsAgentInputSchema>;

// ── Cluster ───────────────────────────────────────────────────────────────────────────────
export const CLUSTER_AUTH_TYPES = ["IRSA", "BearerToken"] as const;
export type ClusterAuthType = (typeof CLUSTER_AUTH_TYPES)[number];
export const CLUSTER_AUTH_INFO: Record<ClusterAuthType, { label: string; description: string }> = {
  IRSA: {
    label: "IAM role (IRSA)",
    description: "The agent assumes an IAM role that the cluster maps to a Kubernetes group.",
  },
  BearerToken: { label: "Bearer token", description: "A service account token stored as a secret." },
};

export const irsaAuthSchema = z.strictObject({
  type: z.literal("IRSA"),
  spec: z.strictObject({
    roleArn: iamRoleArnSchema,
    clusterName: eksClusterNameSchema,
    region: z.enum(REGION_CODES, { error: "Choose the cluster's region" }),
  }),
});

export const bearerTokenAuthSchema = z.strictObject({
  type: z.literal("BearerToken"),
  spec: z.strictObject({ tokenRef: secretRefSchema }),
});

export const clusterAuthSchema = z.discriminatedUnion("type", [irsaAuthSchema, bearerTokenAuthSchema], {
  error: "Choose IRSA or BearerToken",
});

export const gitopsClusterSpecSchema = z
  .strictObject({ masterUrl: masterUrlSchema, authentication: clusterAuthSchema, caData: caDataSchema })
  .superRefine((s, ctx) => {
    if (s.authentication.type !== "IRSA") return;
    const { roleArn, region } = s.authentication.spec;
    const p = parseArn(roleArn);
    if (p && p.partition !== partitionOf(region)) {
      ctx.addIssue({
        code: "custom",
        path: ["authentication", "spec", "roleArn"],
        message: `The role is in ${PARTITION_LABELS[p.partition]} AWS but the cluster's region is ${PARTITION_LABELS[partitionOf(region)]}; roles cannot be assumed across partitions`,
      });
    }
  });

const clusterFields = {
  ...resourceFields,
  agentIdentifier: z
    .string({ error: "Choose the GitOps agent" })
    .min(1, "Choose the GitOps agent")
    .pipe(identifierSchema),
  spec: gitopsClusterSpecSchema,
};

export const gitopsClusterInputSchema = z.strictObject(clusterFields);
export const gitopsClusterUpdateSchema = z.strictObject({ ...clusterFields, version: versionSchema.optional() });
export type GitopsClusterInput = z.infer<typeof gitopsClusterInputSchema>;
export type GitopsClusterFormValues = z.input<typeof gitopsClusterInputSchema>;
export type ClusterAuth = z.infer<typeof clusterAuthSchema>;

/** Secret references of a cluster with their field paths (resolution, delete protection). */
export function clusterSecretRefs(input: Pick<GitopsClusterInput, "spec">): { field: string; ref: string }[] {
  const a = input.spec.authentication;
  return a.type === "BearerToken" ? [{ field: "spec.authentication.spec.tokenRef", ref: a.spec.tokenRef }] : [];
}

// ── Queries and params ────────────────────────────────────────────────────────────────────
export const CONNECTION_STATUSES = ["Unknown", "Successful", "Failed"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const gitopsParamsSchema = z.object({ identifier: z.string().min(1).max(128) });
export const gitopsAgentListQuerySchema = z.object({
  q: z.string().max(128).optional(),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type GitopsAgentListQuery = z.infer<typeof gitopsAgentListQuerySchema>;
export const gitopsClusterListQuerySchema = z.object({
  q: z.string().max(128).optional(),
  agent: z.string().max(128).optional(),
  status: z.enum(CONNECTION_STATUSES).optional(),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type GitopsClusterListQuery = z.infer<typeof gitopsClusterListQuerySchema>;

// The AWS connector contract (Harness-compatible shape), shared by the form (zodResolver) and
// the API. Cross-field rules attach their issues to the field the user has to change, so the
// form can show them in place and the API can return them as fieldErrors.
import { z } from "zod";
import { DEFAULT_CHECK_MINUTES } from "./periodic-check";
import { SCOPED_REF_PATTERN } from "@/lib/scope/refs";
import { BACKOFF_STRATEGY_TYPES, type BackoffStrategyType } from "@/lib/aws/backoff";
import { PARTITION_LABELS, parseArn, partitionOf } from "@/lib/aws/partitions";
import { iamRoleArnSchema, regionSchema } from "@/lib/aws/schemas";
import {
  MAX_RESOURCE_NAMES,
  RESOURCE_KIND_INFO,
  RESOURCE_KINDS,
  USAGE_IDS,
  USAGES,
  type ResourceKind,
} from "@/lib/aws/usages";
import { OIDC_SESSION_TAG_KEYS } from "@/lib/oidc/claims";
import { versionSchema, resourceFields } from "@/lib/common/schemas";

const required = (message: string) => ({
  error: (iss: { input?: unknown }) => (iss.input === undefined ? message : undefined),
});
const unique = (xs: readonly unknown[]) => new Set(xs).size === xs.length;

// ── Secret references ─────────────────────────────────────────────────────────────────────
// `account.x` / `org.x` / `x` (the connector's own scope): lib/scope's reference grammar.
export const secretRefSchema = z
  .string()
  .min(1, "Choose a secret")
  .regex(SCOPED_REF_PATTERN, "Use a secret identifier, optionally prefixed with account. or org.");

const secretRef = (missing: string) => z.string(required(missing)).pipe(secretRefSchema);

// ── Fields ────────────────────────────────────────────────────────────────────────────────

// IAM's AccessKeyId rule; emulators and real keys (AKIA…/ASIA…) both fit.
const accessKeySchema = z
  .string()
  .trim()
  .min(1, "Enter the access key ID")
  .regex(/^\w{16,128}$/, "An access key ID is 16 to 128 letters and digits, like AKIA…");

const manualConfigSpecSchema = z
  .strictObject({
    accessKey: accessKeySchema.optional(),
    accessKeyRef: secretRefSchema.optional(),
    secretKeyRef: secretRef("Choose the secret that holds the secret access key"),
    sessionTokenRef: secretRefSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.accessKey === undefined && s.accessKeyRef === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["accessKey"],
        message: "Enter the access key ID or choose a secret that holds it",
      });
    } else if (s.accessKey !== undefined && s.accessKeyRef !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["accessKeyRef"],
        message: "Give the access key ID as text or as a secret, not both",
      });
    }
    // ASIA… keys are temporary and never work without their session token.
    if (s.accessKey?.startsWith("ASIA") && s.sessionTokenRef === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["sessionTokenRef"],
        message: "Keys starting with ASIA are temporary; choose the secret holding the session token",
      });
    }
  });

const oidcSpecSchema = z.strictObject({
  iamRoleArn: iamRoleArnSchema,
  oidcSessionTagKeys: z
    .array(z.enum(OIDC_SESSION_TAG_KEYS, { error: `Session tag keys are ${OIDC_SESSION_TAG_KEYS.join(", ")}` }))
    .refine(unique, "List each session tag key once")
    .optional(),
});

// Limits are STS AssumeRole's: ExternalId 2–1224 chars of [\w+=,.@:/-], DurationSeconds 900–43200.
export const crossAccountAccessSchema = z.strictObject({
  crossAccountRoleArn: iamRoleArnSchema,
  externalId: z
    .string()
    .min(2, "An external ID has at least 2 characters")
    .max(1224, "An external ID has at most 1224 characters")
    .regex(/^[\w+=,.@:/-]+$/, "An external ID uses letters, digits and + = , . @ : / - _ only")
    .optional(),
  assumeRoleSessionDuration: z
    .number()
    .int("Use whole seconds")
    .min(900, "The session lasts at least 900 seconds (15 minutes)")
    .max(43200, "The session lasts at most 43200 seconds (12 hours)")
    .optional(),
});

// ── Credential ────────────────────────────────────────────────────────────────────────────
export const CREDENTIAL_TYPES = ["ManualConfig", "InheritFromDelegate", "Irsa", "OidcAuthentication"] as const;
export const credentialTypeSchema = z.enum(CREDENTIAL_TYPES);
export type CredentialType = z.infer<typeof credentialTypeSchema>;

export const CREDENTIAL_TYPE_INFO: Record<CredentialType, { label: string; description: string }> = {
  ManualConfig: {
    label: "AWS access key",
    description:
      "Uses an access key ID and secret access key (plus a session token for temporary keys) kept as Conduit secrets.",
  },
  InheritFromDelegate: {
    label: "Assume IAM role on delegate",
    description:
      "Uses the credentials of the machine or pod that runs the connection, such as an instance profile or node role.",
  },
  Irsa: {
    label: "Use IRSA",
    description:
      "Uses the IAM role bound to the runner's Kubernetes service account through EKS IAM roles for service accounts.",
  },
  OidcAuthentication: {
    label: "Use OIDC",
    description:
      "Exchanges a short-lived OIDC token signed by Conduit for the given IAM role, so no long-lived keys are stored.",
  },
};

const credentialCommon = { region: regionSchema, crossAccountAccess: crossAccountAccessSchema.optional() };

export const awsCredentialSchema = z
  .discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("ManualConfig"), spec: manualConfigSpecSchema, ...credentialCommon }),
      z.strictObject({ type: z.literal("InheritFromDelegate"), spec: z.null().default(null), ...credentialCommon }),
      z.strictObject({ type: z.literal("Irsa"), spec: z.null().default(null), ...credentialCommon }),
      z.strictObject({ type: z.literal("OidcAuthentication"), spec: oidcSpecSchema, ...credentialCommon }),
    ],
    { error: `Choose a credential type: ${CREDENTIAL_TYPES.join(", ")}` },
  )
  .superRefine((cred, ctx) => {
    // GovCloud and China are separate partitions: a role from another partition cannot be
    // assumed with credentials tested in this region (STS answers InvalidClientTokenId).
    const roles: { path: (string | number)[]; arn: string }[] = [];
    if (cred.type === "OidcAuthentication") roles.push({ path: ["spec", "iamRoleArn"], arn: cred.spec.iamRoleArn });
    if (cred.crossAccountAccess) {
      roles.push({
        path: ["crossAccountAccess", "crossAccountRoleArn"],
        arn: cred.crossAccountAccess.crossAccountRoleArn,
      });
    }
    const regionPartition = partitionOf(cred.region);
    for (const { path, arn } of roles) {
      const rolePartition = parseArn(arn)?.partition;
      if (!rolePartition || rolePartition === regionPartition) continue;
      ctx.addIssue({
        code: "custom",
        path,
        message:
          `This role is in the ${rolePartition} partition but the test region ${cred.region} is in ${regionPartition}; ` +
          `use an arn:${regionPartition}: role or a ${PARTITION_LABELS[rolePartition]} test region`,
      });
    }
  });

// ── Backoff override ──────────────────────────────────────────────────────────────────────
export { BACKOFF_STRATEGY_TYPES };
export const backoffStrategyTypeSchema = z.enum(BACKOFF_STRATEGY_TYPES);
export const BACKOFF_STRATEGY_INFO: Record<BackoffStrategyType, { label: string; description: string }> = {
  FixedDelayBackoffStrategy: { label: "Fixed delay", description: "Waits the same fixed time before every retry." },
  EqualJitterBackoffStrategy: {
    label: "Equal jitter",
    description:
      "Doubles the delay each retry up to the maximum, then waits half of it plus a random part of the other half.",
  },
  FullJitterBackoffStrategy: {
    label: "Full jitter",
    description:
      "Doubles the delay each retry up to the maximum, then waits a random time between zero and that delay.",
  },
};
export const SDK_DEFAULT_BACKOFF_INFO = {
  label: "SDK default",
  description:
    "Full jitter for transient errors and equal jitter for throttling, as the AWS SDK does (3 attempts, at most 20 s).",
};

const MAX_DELAY_MS = 600_000;
const delayMs = (label: string) =>
  z
    .number(required(`Enter the ${label.toLowerCase()} in milliseconds`))
    .int(`${label} is a whole number of milliseconds`)
    .min(0, `${label} cannot be negative`)
    .max(MAX_DELAY_MS, `${label} is at most ${MAX_DELAY_MS} ms (10 minutes)`);
const retryCountSchema = z
  .number(required("Enter how many times to retry"))
  .int("The retry count is a whole number")
  .min(0, "The retry count cannot be negative")
  .max(30, "Retry at most 30 times");

const jitterSpecSchema = z
  .strictObject({
    baseDelay: delayMs("Base delay"),
    maxBackoffTime: delayMs("Max backoff time"),
    retryCount: retryCountSchema,
  })
  .refine((s) => s.baseDelay <= s.maxBackoffTime, {
    path: ["baseDelay"],
    message: "The base delay cannot be longer than the max backoff time",
  });

export const backoffOverrideSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("FixedDelayBackoffStrategy"),
      spec: z.strictObject({ fixedBackoff: delayMs("Fixed backoff"), retryCount: retryCountSchema }),
    }),
    z.strictObject({ type: z.literal("EqualJitterBackoffStrategy"), spec: jitterSpecSchema }),
    z.strictObject({ type: z.literal("FullJitterBackoffStrategy"), spec: jitterSpecSchema }),
  ],
  { error: `Choose a backoff strategy: ${BACKOFF_STRATEGY_TYPES.join(", ")}` },
);

// ── Connector ─────────────────────────────────────────────────────────────────────────────
export const connectorSpecSchema = z.strictObject({
  credential: awsCredentialSchema,
  awsSdkClientBackOffStrategyOverride: backoffOverrideSchema.optional(),
  delegateSelectors: z
    .array(z.string().trim().min(1, "A delegate selector cannot be empty").max(128, "At most 128 characters"))
    .max(50, "At most 50 delegate selectors")
    .refine(unique, "List each delegate selector once")
    .default([]),
  executeOnDelegate: z.boolean().default(true),
});

// ── Uses (Conduit's own extension, beside the Harness fields) ─────────────────────────────
// What the connector is for: ids from lib/aws/usages.ts, each with optional resource names that
// narrow its policy and checks. Stored in its own column; YAML `conduit: { usages }`.
const resourceNamesSchema = (kind: ResourceKind) => {
  const info = RESOURCE_KIND_INFO[kind];
  return z
    .array(
      z
        .string()
        .trim()
        .min(1, `Enter the ${info.label} name`)
        .max(info.maxLength, info.rule)
        .regex(info.pattern, info.rule),
    )
    .max(MAX_RESOURCE_NAMES, `At most ${MAX_RESOURCE_NAMES} names per kind`)
    .refine(unique, "List each name once");
};

export const usageSelectionSchema = z
  .strictObject({
    id: z.enum(USAGE_IDS, { error: `Choose a use: ${USAGE_IDS.join(", ")}` }),
    resources: z
      .strictObject(
        Object.fromEntries(RESOURCE_KINDS.map((k) => [k, resourceNamesSchema(k).optional()])) as Record<
          ResourceKind,
          z.ZodOptional<ReturnType<typeof resourceNamesSchema>>
        >,
      )
      .optional(),
  })
  .superRefine((u, ctx) => {
    const kinds: readonly ResourceKind[] = USAGES[u.id].resourceKinds;
    for (const k of RESOURCE_KINDS) {
      if (u.resources?.[k] === undefined || kinds.includes(k)) continue;
      ctx.addIssue({
        code: "custom",
        path: ["resources", k],
        message: kinds.length
          ? `${USAGES[u.id].label} takes ${kinds.map((x) => `${RESOURCE_KIND_INFO[x].label} names`).join(", ")} only`
          : `${USAGES[u.id].label} takes no resource names`,
      });
    }
  });

export const usagesSchema = z
  .array(usageSelectionSchema)
  .max(USAGE_IDS.length, `At most ${USAGE_IDS.length} uses`)
  .superRefine((us, ctx) => {
    const seen = new Set<string>();
    us.forEach((u, i) => {
      if (seen.has(u.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: "Choose each use once" });
      seen.add(u.id);
    });
  });

// ── Periodic connectivity check (Conduit's own, like Harness's perpetual tasks) ────────────
export const periodicCheckSchema = z.strictObject({
  enabled: z.boolean().default(true),
  intervalMinutes: z
    .number({ error: "Minutes between checks: a whole number from 1 to 1440" })
    .int("Minutes between checks: a whole number from 1 to 1440")
    .min(1, "At least every minute")
    .max(1440, "At least once a day (1440 minutes)")
    .default(DEFAULT_CHECK_MINUTES),
});
export type PeriodicCheck = z.infer<typeof periodicCheckSchema>;

/**
 * Conduit-only fields of a connector (Harness has no equivalent): `conduit: { usages,
 * periodicCheck }`. Without `periodicCheck` a connector is checked every CONDUIT_PERIODIC_CHECK_MINUTES.
 */
export const conduitExtensionSchema = z.strictObject({
  usages: usagesSchema.default([]),
  periodicCheck: periodicCheckSchema.optional(),
});

const connectorFields = {
  ...resourceFields,
  // Accepted so Harness-shaped bodies (which carry `type: Aws`) validate; anything else is refused.
  type: z.literal("Aws", { error: "Conduit manages Aws connectors only; set type to Aws" }).optional(),
  spec: connectorSpecSchema,
  // Absent = no uses (a PUT replaces the whole connector, so leaving it out clears them).
  conduit: conduitExtensionSchema.optional(),
};

const scopeRule = (c: { orgIdentifier?: string; projectIdentifier?: string }, ctx: z.RefinementCtx) => {
  if (c.projectIdentifier !== undefined && c.orgIdentifier === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["orgIdentifier"],
      message: "A project-scoped connector needs its organization too",
    });
  }
};

export const connectorInputSchema = z.strictObject(connectorFields).superRefine(scopeRule);
export const connectorUpdateSchema = z
  .strictObject({ ...connectorFields, version: versionSchema.optional() })
  .superRefine(scopeRule);

export type ConnectorInput = z.infer<typeof connectorInputSchema>;
/** What the form holds before parsing (defaults not yet applied). */
export type ConnectorFormValues = z.input<typeof connectorInputSchema>;
export type ConnectorUpdate = z.infer<typeof connectorUpdateSchema>;
export type AwsCredential = z.infer<typeof awsCredentialSchema>;
export type CrossAccountAccess = z.infer<typeof crossAccountAccessSchema>;
export type BackoffOverride = z.infer<typeof backoffOverrideSchema>;
export type UsageSelectionInput = z.infer<typeof usageSelectionSchema>;
export type ConduitExtension = z.infer<typeof conduitExtensionSchema>;
export type OidcSessionTagKey = (typeof OIDC_SESSION_TAG_KEYS)[number];

// A new connector's form values: lib/connectors/defaults.ts (zod-free, for the wizard's first load).

/** Every secret the connector points at, with its dotted field path (resolution, delete protection). */
export function connectorSecretRefs(input: Pick<ConnectorInput, "spec">): { field: string; ref: string }[] {
  const cred = input.spec.credential;
  if (cred.type !== "ManualConfig") return [];
  const keys = ["accessKeyRef", "secretKeyRef", "sessionTokenRef"] as const;
  return keys.flatMap((k) => {
    const ref = cred.spec[k];
    return ref === undefined ? [] : [{ field: `spec.credential.spec.${k}`, ref }];
  });
}

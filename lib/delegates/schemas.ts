// What delegates and the console say to each other, and what the console's pages read. Pure: the
// browser, the console and the delegate process share these shapes.
import { z } from "zod";

/** A delegate's tag and a connector's selector have the same shape: a selector matches a tag exactly. */
export const delegateTagSchema = z
  .string()
  .trim()
  .min(1, "A tag cannot be empty")
  .max(128, "At most 128 characters")
  .regex(/^[^\s,]+$/, "No spaces or commas");

export const delegateNameSchema = z
  .string()
  .trim()
  .min(1, "Name the delegate")
  .max(64, "At most 64 characters")
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
    "Lowercase letters, digits and -, starting and ending with a letter or digit",
  );

export const registerSchema = z.strictObject({
  name: delegateNameSchema,
  tags: z.array(delegateTagSchema).max(50, "At most 50 tags").default([]),
  version: z.string().trim().min(1).max(64),
  host: z.string().trim().min(1).max(255),
  /** A random id per process, so a restarted process with the same name takes over its row. */
  instanceId: z.string().uuid(),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const heartbeatSchema = z.strictObject({
  delegateId: z.string().uuid(),
  instanceId: z.string().uuid(),
  /** Tasks the delegate is running now (lib/delegates' task leases; empty until it runs tasks). */
  running: z.array(z.string().uuid()).max(1000).default([]),
});
export type HeartbeatInput = z.infer<typeof heartbeatSchema>;

export const goodbyeSchema = heartbeatSchema.pick({ delegateId: true, instanceId: true });

export interface RegisterAnswer {
  delegateId: string;
  heartbeatSeconds: number;
}

export type DelegateStatus = "connected" | "disconnected" | "stopped";

export interface DelegateDto {
  id: string;
  name: string;
  /** The console's own in-process delegate (not registered; connected while it is on). */
  builtIn: boolean;
  tags: string[];
  version: string;
  host: string;
  status: DelegateStatus;
  registeredAt: string;
  lastHeartbeatAt: string;
  runningTasks: number;
  tokenName?: string;
}

export const delegateTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "Name the token").max(64, "At most 64 characters"),
});

export interface DelegateTokenDto {
  id: string;
  name: string;
  start: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  delegates: number;
}

export const matchQuerySchema = z.object({
  /** Comma-separated selectors; none matches every delegate. */
  selectors: z
    .string()
    .max(50 * 130)
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
});

export interface DelegateMatch {
  /** Connected delegates (the built-in one included while it is on). */
  connected: number;
  /** Connected delegates that have every selector among their tags. */
  matching: { name: string; builtIn: boolean }[];
}

// ---- lookups a delegate runs (regions, EKS clusters) -----------------------------------------

const lookupText = (max: number) => z.string().max(max);

/**
 * What a lookup task looks up: the connector's regions, its EKS clusters in one region or all, a
 * cluster's namespaces, a kubeconfig for a cluster, or a cluster's description for "Import from EKS".
 */
const clusterLookup = { cluster: z.string().min(1).max(140), region: z.string().max(40).optional() };
export const lookupInputSchema = z.discriminatedUnion("what", [
  z.strictObject({ what: z.literal("regions") }),
  z.strictObject({ what: z.literal("clusters"), region: z.string().max(40).optional() }),
  z.strictObject({ what: z.literal("namespaces"), ...clusterLookup }),
  /** `ref`: the connector as the caller refers to it, written into the kubeconfig. */
  z.strictObject({ what: z.literal("kubeconfig"), ...clusterLookup, ref: z.string().min(1).max(140) }),
  z.strictObject({ what: z.literal("cluster"), ...clusterLookup }),
]);
export type LookupInput = z.infer<typeof lookupInputSchema>;

/** The problems a delegate may answer a lookup with (what the console would have answered itself). */
export const LOOKUP_PROBLEM_CODES = ["VALIDATION_FAILED", "NOT_FOUND", "UPSTREAM_FAILED", "REQUEST_TIMEOUT"] as const;

export const lookupAnswerSchema = z.union([
  z.strictObject({ listing: z.record(z.string(), z.unknown()) }),
  z.strictObject({
    problem: z.strictObject({
      code: z.enum(LOOKUP_PROBLEM_CODES),
      detail: lookupText(4000),
      fieldErrors: z.record(z.string().max(200), z.array(lookupText(1000)).max(20)).optional(),
      extra: z.record(z.string().max(200), z.unknown()).optional(),
    }),
  }),
]);
export type LookupAnswer = z.infer<typeof lookupAnswerSchema>;

// The OIDC API's contract: the preview request (wizard → server) and the DTOs it returns.
import { z } from "zod";
import { identifierSchema } from "@/lib/common/schemas";
import { iamRoleArnSchema, regionSchema } from "@/lib/aws/schemas";
import { OIDC_SESSION_TAG_KEYS } from "./claims";
import type { OidcClaims } from "./claims";
import type { SetupCommands } from "./policy";

export const oidcAccountParamsSchema = z.object({ accountId: z.string().min(1).max(128) });

/** Scope from `?org=&project=` like every route; `org`/`project` here are accepted as well. */
export const oidcPreviewRequestSchema = z.strictObject({
  connectorIdentifier: identifierSchema.optional(),
  connectorName: z.string().trim().min(1).max(128).optional(),
  org: identifierSchema.optional(),
  project: identifierSchema.optional(),
  /** With the role ARN the answer includes the provider ARN, trust policy and CLI commands. */
  iamRoleArn: iamRoleArnSchema.optional(),
  region: regionSchema.optional(),
  oidcSessionTagKeys: z.array(z.enum(OIDC_SESSION_TAG_KEYS)).optional(),
});
export type OidcPreviewRequest = z.infer<typeof oidcPreviewRequestSchema>;

export interface OidcPreview {
  issuer: string;
  audience: string;
  subject: string;
  /** The JOSE header and decoded payload of a token the connector would send now (never the token). */
  header: { alg: string; typ: string; kid: string };
  claims: OidcClaims;
  provider: {
    /** Provider URL to register in IAM (= issuer) and its client ID (= audience). */
    url: string;
    clientId: string;
    /** Issuer without scheme: the provider ARN's suffix and the condition keys' prefix. */
    hostPath: string;
    partition: string;
    /** Known once the role ARN (its AWS account) is given. */
    arn: string | null;
    arnPattern: string;
  };
  /** Null until iamRoleArn is given. */
  trustPolicy: Record<string, unknown> | null;
  setup: SetupCommands | null;
  publiclyReachable: boolean;
  reachabilityWarning?: string;
}

export interface OidcKeyDto {
  kid: string;
  alg: string;
  active: boolean;
  createdAt: string;
  retiredAt: string | null;
  publishedUntil: string | null;
}

export interface OidcRotationDto {
  kid: string;
  previousKid: string | null;
  pruned: number;
}

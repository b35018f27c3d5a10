// The claims of a Conduit OIDC token, Harness-compatible (docs: "Enhanced Subject", "Custom
// Parameters"). Pure: no I/O, no clock unless given, so the browser and the server agree.

export const OIDC_ALG = "RS256";
export const DEFAULT_AUDIENCE = "sts.amazonaws.com";
/** The longest a token lives; retired keys stay published this long (plus skew) after rotation. */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;
/** Relying parties accept some clock skew; keep retired keys published that much longer. */
export const CLOCK_SKEW_SECONDS = 300;

export const OIDC_CONTEXTS = [
  "CONNECTOR_VALIDATION",
  "PIPELINE_CONFIGURATION",
  "PIPELINE_EXECUTION",
  "PERPETUAL_TASK",
] as const;
export type OidcContext = (typeof OIDC_CONTEXTS)[number];

/** Claim that AWS STS turns into session tags (needs sts:TagSession in the trust policy). */
export const AWS_TAGS_CLAIM = "https://aws.amazon.com/tags";

export interface TokenScope {
  accountId: string;
  orgIdentifier?: string;
  projectIdentifier?: string;
}

export interface ClaimsInput extends TokenScope {
  issuer: string;
  connectorIdentifier?: string;
  connectorName?: string;
  context: OidcContext;
  /** Only for pipeline-scoped subjects; a pipeline always lives in a project. */
  pipelineIdentifier?: string;
  audience?: string;
  /** Seconds, 1…3600; default 3600. */
  lifetimeSeconds?: number;
  /** Custom claims to also pass as AWS session tags (the connector's oidcSessionTagKeys). */
  sessionTagKeys?: readonly string[];
}

export interface OidcClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  account_id: string;
  organization_id?: string;
  project_id?: string;
  connector_id?: string;
  connector_name?: string;
  context: OidcContext;
  [AWS_TAGS_CLAIM]?: { principal_tags: Record<string, [string]> };
}

export class ClaimsError extends Error {}

/**
 * `account/<acc>:org/<org>:project/<proj>`; empty org/project segments at org and account
 * scope; `:pipeline/<id>` appended for pipeline-scoped subjects.
 */
export function oidcSubject(s: TokenScope & { pipelineIdentifier?: string }): string {
  if (s.projectIdentifier && !s.orgIdentifier) throw new ClaimsError("A project scope needs its organization");
  if (s.pipelineIdentifier && !s.projectIdentifier)
    throw new ClaimsError("A pipeline-scoped subject needs a project scope");
  const sub = `account/${s.accountId}:org/${s.orgIdentifier ?? ""}:project/${s.projectIdentifier ?? ""}`;
  return s.pipelineIdentifier ? `${sub}:pipeline/${s.pipelineIdentifier}` : sub;
}

export function tokenLifetime(seconds: number | undefined): number {
  const s = seconds ?? MAX_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(s) || s < 1 || s > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new ClaimsError(`A token lives 1–${MAX_TOKEN_LIFETIME_SECONDS} seconds`);
  }
  return s;
}

// AWS session tag values: ≤ 256 chars of letters, digits, spaces and _.:/=+-@.
const tagValue = (v: string) => v.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, "_").slice(0, 256);

/** The full payload; `nowSeconds` is the issue time (epoch seconds). */
export function oidcClaims(input: ClaimsInput, nowSeconds: number): OidcClaims {
  const custom = {
    account_id: input.accountId,
    ...(input.orgIdentifier ? { organization_id: input.orgIdentifier } : {}),
    ...(input.projectIdentifier ? { project_id: input.projectIdentifier } : {}),
    ...(input.connectorIdentifier ? { connector_id: input.connectorIdentifier } : {}),
    ...(input.connectorName ? { connector_name: input.connectorName } : {}),
    context: input.context,
  };
  const tags: Record<string, [string]> = {};
  for (const key of input.sessionTagKeys ?? []) {
    const value = (custom as Record<string, string | undefined>)[key];
    if (value) tags[key] = [tagValue(value)];
  }
  return {
    iss: input.issuer,
    sub: oidcSubject(input),
    aud: input.audience ?? DEFAULT_AUDIENCE,
    iat: nowSeconds,
    exp: nowSeconds + tokenLifetime(input.lifetimeSeconds),
    ...custom,
    ...(Object.keys(tags).length ? { [AWS_TAGS_CLAIM]: { principal_tags: tags } } : {}),
  };
}

/** The claims a connector may pass to AWS as session tags (the trust policy then needs sts:TagSession). */
export const OIDC_SESSION_TAG_KEYS = [
  "account_id",
  "organization_id",
  "project_id",
  "connector_id",
  "connector_name",
  "context",
] as const;

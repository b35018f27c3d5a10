// The connection test's wire format: NDJSON step events, then one result line.
import type { OidcTokenFacts } from "@/lib/connectors/credentials";

export const STEP_IDS = [
  "credentials",
  "identity",
  "assumeRole",
  "roleIdentity",
  "describeRegions",
  "permissions",
] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepStatus = "pending" | "running" | "passed" | "failed" | "skipped";

export const STEP_TITLES: Record<StepId, string> = {
  credentials: "Resolve credentials",
  identity: "Verify identity (sts:GetCallerIdentity)",
  assumeRole: "Assume cross-account role (sts:AssumeRole)",
  roleIdentity: "Verify role identity (sts:GetCallerIdentity)",
  describeRegions: "List regions (ec2:DescribeRegions)",
  permissions: "Check permissions (iam:SimulatePrincipalPolicy)",
};

export interface Hint {
  text: string;
  /** An IAM policy document the user can copy. */
  policy?: Record<string, unknown>;
  /** Shell commands (AWS CLI) the user can copy, one per entry. */
  commands?: string[];
}

export interface StepEvent {
  type: "step";
  step: StepId;
  title: string;
  status: StepStatus;
  durationMs?: number;
  detail?: string;
  data?: Record<string, unknown>;
  retries: number;
  retryReasons?: string[];
  awsRequestId?: string;
  errorCode?: string;
  hint?: Hint;
}

export type TestStatus = "SUCCESS" | "FAILURE" | "PARTIAL";

export interface TestResult {
  status: TestStatus;
  errors: { reason: string; message: string; code: string }[];
  errorSummary: string;
  testedAt: number;
  delegateId: string;
  durationMs: number;
  steps: StepEvent[];
}

export interface ResultEvent {
  type: "result";
  result: TestResult;
}

export type TestEvent = StepEvent | ResultEvent;

/** A stored run of a saved connector, as the history lists it. */
export interface StoredTest {
  id: string;
  status: string;
  errorSummary: string;
  errors: TestResult["errors"];
  steps: StepEvent[];
  delegateId: string;
  actor: string;
  testedAt: number;
  durationMs: number;
}

/** What a failed step tells the hint table. */
export interface HintContext {
  step: StepId;
  code: string;
  region: string;
  retries: number;
  callerArn?: string;
  roleArn?: string;
  externalId?: string;
  timeoutSeconds?: number;
  /** The failure's message (some codes, e.g. InvalidIdentityToken, have several causes). */
  message?: string;
  /** Set for OIDC connectors once the token's claims are known. */
  oidc?: OidcTokenFacts;
}

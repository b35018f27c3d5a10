// The connection test's wire format: NDJSON step events, then one result line.
import type { IamStatement, UsageId } from "@/lib/aws/usages";
import type { StepEvent as AnyStepEvent } from "@/lib/steps/types";

export const STEP_IDS = [
  "credentials",
  "identity",
  "assumeRole",
  "roleIdentity",
  "describeRegions",
  "permissions",
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_TITLES: Record<StepId, string> = {
  credentials: "Resolve credentials",
  identity: "Verify identity (sts:GetCallerIdentity)",
  assumeRole: "Assume cross-account role (sts:AssumeRole)",
  roleIdentity: "Verify role identity (sts:GetCallerIdentity)",
  describeRegions: "List regions (ec2:DescribeRegions)",
  permissions: "Check permissions (iam:SimulatePrincipalPolicy)",
};

export type StepEvent = AnyStepEvent<StepId>;

// ── What the permissions step found per chosen use (its `data`, stored with the run) ─────────

/** A check iam:SimulatePrincipalPolicy did not allow, and the statement that would allow it. */
export interface DeniedCheck {
  action: string;
  /** The resource it was asked for (`*` where the use names none). */
  resource: string;
  /** `implicitDeny` (no statement allows it) or `explicitDeny` (a Deny wins: adding an Allow does not help). */
  decision: string;
  /** The statements that decided (for an explicit deny: the policies holding the Deny). */
  matched: string[];
  /** What to add to the principal's identity policy (lib/aws/usages.ts statementToAdd). */
  statement: IamStatement;
}

/** One use's outcome: `base` is ec2:DescribeRegions, which every connector needs. */
export interface UsageResult {
  id: UsageId | "base";
  label: string;
  /** `not-checked`: the simulation did not run or did not answer (see PermissionsData.notChecked). */
  status: "allowed" | "missing" | "not-checked";
  /** Actions allowed on every resource they were asked for. */
  allowed: string[];
  denied: DeniedCheck[];
}

/** The `data` of the `permissions` step. */
export interface PermissionsData {
  /** The principal simulated: the connector's user or role (the role when cross-account access is on). */
  principalArn: string;
  /** Why nothing was checked (the simulation was denied, failed or timed out); absent when it ran. */
  notChecked?: string;
  /** ec2:DescribeRegions (always checked). */
  base: UsageResult;
  /** The connector's chosen uses, in its order; empty for a connector without uses. */
  usages: UsageResult[];
  /** Every simulated (action, resource) pair as IAM answered. */
  results: { action: string; resource: string; decision: string; matched: string[]; missingContext: string[] }[];
  /** AWS CLI commands that run the same check (when it was not checked). */
  commands?: string[];
}

/**
 * Each chosen use's outcome in a run (a stored test's `steps` or a result's): the `permissions`
 * step's `data.usages`; undefined when that step did not run (an earlier step failed).
 */
export function usageResultsOf(steps: readonly StepEvent[]): UsageResult[] | undefined {
  const s = steps.find((x) => x.step === "permissions");
  const usages = (s?.data as Partial<PermissionsData> | undefined)?.usages;
  return Array.isArray(usages) ? usages : undefined;
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
  /**
   * Set when the result could not be stored, saying why (the connector was deleted during its
   * test, the database did not answer, the console is stopping); the history does not list it.
   */
  notSaved?: string;
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

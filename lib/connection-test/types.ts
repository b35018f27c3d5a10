// The connection test's wire format: NDJSON step events, then one result line.
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

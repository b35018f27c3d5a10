// The wire format of every step-by-step check (connection tests, GitOps cluster tests): NDJSON
// step events, then one result line. Pure types: the browser reads the same shapes.
export type StepStatus = "pending" | "running" | "passed" | "failed" | "skipped";

/** What to do about a failed step, as the page shows it (a Diagnosis's fix, policy and commands). */
export interface Hint {
  text: string;
  /** An IAM policy document the user can copy. */
  policy?: Record<string, unknown>;
  /** Shell commands (AWS CLI, eksctl) the user can copy, one per entry. */
  commands?: string[];
}

export interface StepEvent<Id extends string = string> {
  type: "step";
  step: Id;
  title: string;
  status: StepStatus;
  durationMs?: number;
  detail?: string;
  data?: Record<string, unknown>;
  retries: number;
  retryReasons?: string[];
  awsRequestId?: string;
  errorCode?: string;
  /** The failure's class (a Diagnosis reason), for clients that branch on it. */
  reason?: string;
  hint?: Hint;
}

export interface ResultEvent<R> {
  type: "result";
  result: R;
}

// The one vocabulary for "what went wrong and what to do": every AWS or Kubernetes failure that a
// user sees (connection test steps, EKS lookups, GitOps tests) is a Diagnosis first.
export interface Diagnosis {
  /** Stable, kebab-case class of the failure that clients may branch on: `credentials-rejected`, `token-rejected`… */
  reason: string;
  /** The failure's own code where it has one: an AWS error code, a Kubernetes failure kind, a setup code. */
  code?: string;
  /** What happened, in a sentence. */
  detail: string;
  /** What to do about it. */
  fix?: string;
  /** Commands to copy (AWS CLI, eksctl), one block each. */
  commands?: string[];
  /** An IAM policy document to copy. */
  policy?: Record<string, unknown>;
  awsRequestId?: string;
  /** Machine-readable facts for clients (identity ARN, network code, HTTP status…). */
  facts?: Record<string, unknown>;
}

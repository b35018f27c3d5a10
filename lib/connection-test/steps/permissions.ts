// iam:SimulatePrincipalPolicy for what Conduit calls. Optional: a denied action makes the verdict
// PARTIAL, and a principal that may not simulate its own policies is "not checked", not a failure.
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import { awsErrorFacts } from "@/lib/aws/errors";
import { policySourceArn, simulatePermissions } from "@/lib/aws/iam";
import type { StepDef } from "@/lib/steps/executor";
import { STEP_TITLES, type StepId } from "../types";
import { callOptions, type TestRun } from "./context";

export const CHECKED_ACTIONS = ["ec2:DescribeRegions", "eks:ListClusters", "eks:DescribeCluster"];

export const permissionsStep = (
  run: TestRun,
  identity: "identity" | "roleIdentity",
  credentialsFrom: "credentials" | "assumeRole",
): StepDef<StepId> => ({
  id: "permissions",
  title: STEP_TITLES.permissions,
  needs: [identity],
  async run(io) {
    const creds = io.valueOf<AwsCredentialIdentity>(credentialsFrom);
    const arn = io.valueOf<{ arn: string }>(identity).arn;
    try {
      const r = await simulatePermissions(callOptions(run, creds, io), policySourceArn(arn), CHECKED_ACTIONS);
      const denied = r.results.filter((x) => x.decision !== "allowed").map((x) => x.action);
      const allowed = r.results.filter((x) => x.decision === "allowed").map((x) => x.action);
      return {
        value: r.results,
        status: denied.length ? "failed" : "passed",
        detail: denied.length
          ? `Not allowed: ${denied.join(", ")}. Allowed: ${allowed.join(", ") || "none"}`
          : `Allowed: ${allowed.join(", ")}`,
        data: { results: r.results },
        awsRequestId: r.requestId,
      };
    } catch (err) {
      const f = awsErrorFacts(err);
      if (f.code !== "AccessDenied" && f.code !== "AccessDeniedException") throw err;
      return {
        status: "skipped",
        detail: "Not checked: these credentials may not call iam:SimulatePrincipalPolicy (optional)",
        awsRequestId: f.requestId,
      };
    }
  },
});

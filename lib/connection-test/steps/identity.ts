// sts:GetCallerIdentity with the base credentials (identity) or the assumed role (roleIdentity).
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import { getCallerIdentity } from "@/lib/aws/sts";
import type { StepDef } from "@/lib/steps/executor";
import { STEP_TITLES, type StepId } from "../types";
import { callOptions, type TestRun } from "./context";

export const identityStep = (
  run: TestRun,
  id: "identity" | "roleIdentity",
  credentialsFrom: "credentials" | "assumeRole",
): StepDef<StepId> => ({
  id,
  title: STEP_TITLES[id],
  needs: [credentialsFrom],
  blocks: id === "roleIdentity" ? "Skipped: role identity unknown" : "Skipped: identity unknown",
  async run(io) {
    const r = await getCallerIdentity(callOptions(run, io.valueOf<AwsCredentialIdentity>(credentialsFrom), io));
    run.known.callerArn = r.arn;
    return {
      value: r,
      detail: `${id === "roleIdentity" ? "Acting as" : "Authenticated as"} ${r.arn} in account ${r.account} (partition ${r.partition})`,
      data: { account: r.account, arn: r.arn, userId: r.userId, partition: r.partition },
      awsRequestId: r.requestId,
    };
  },
});

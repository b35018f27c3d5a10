// sts:AssumeRole into the cross-account role, with the external ID when there is one.
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import { assumeRole } from "@/lib/aws/sts";
import { crossAccountRoleInput } from "@/lib/connectors/aws-calls";
import type { StepDef } from "@/lib/steps/executor";
import { STEP_TITLES, type StepId } from "../types";
import { callOptions, type TestRun } from "./context";

export const assumeRoleStep = (run: TestRun): StepDef<StepId> => {
  const cross = run.o.spec.credential.crossAccountAccess;
  return {
    id: "assumeRole",
    title: STEP_TITLES.assumeRole,
    needs: ["credentials"],
    skip: cross ? undefined : "Cross-account access is off",
    blocks: "Skipped: the role could not be assumed",
    async run(io) {
      const r = await assumeRole(
        callOptions(run, io.valueOf<AwsCredentialIdentity>("credentials"), io),
        crossAccountRoleInput(cross!, run.o.identifier),
      );
      return {
        value: r.credentials,
        detail: `Assumed ${cross!.crossAccountRoleArn}${cross!.externalId ? " with the external ID" : ""}; session valid until ${r.credentials.expiration?.toISOString() ?? "unknown"}`,
        data: { assumedRoleArn: r.assumedRoleArn, expiration: r.credentials.expiration?.toISOString() },
        awsRequestId: r.requestId,
      };
    },
  };
};

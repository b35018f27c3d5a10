// ec2:DescribeRegions, which every connector needs, as the identity the connector ends up as.
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import { describeRegions } from "@/lib/aws/ec2";
import type { StepDef } from "@/lib/steps/executor";
import { STEP_TITLES, type StepId } from "../types";
import { callOptions, type TestRun } from "./context";

export const describeRegionsStep = (run: TestRun, credentialsFrom: "credentials" | "assumeRole"): StepDef<StepId> => ({
  id: "describeRegions",
  title: STEP_TITLES.describeRegions,
  needs: [credentialsFrom],
  async run(io) {
    const r = await describeRegions(callOptions(run, io.valueOf<AwsCredentialIdentity>(credentialsFrom), io));
    return {
      value: r.regions,
      detail: `${r.regions.length} regions are enabled for this account`,
      data: { count: r.regions.length, regions: r.regions },
      awsRequestId: r.requestId,
    };
  },
});

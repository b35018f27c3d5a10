// What a delegate reports for a GitOps cluster's test it ran, validated before it is stored. Pure.
import { z } from "zod";
import { stepEventSchemaOf, taskEventsSchemaOf, taskResultSchemaOf } from "@/lib/connection-test/delegated-schemas";
import { CLUSTER_TEST_STEPS } from "./dto";

const text = (max: number) => z.string().max(max);

export const clusterTestStepSchema = stepEventSchemaOf(CLUSTER_TEST_STEPS);

export const clusterTestResultSchema = z.looseObject({
  status: z.enum(["Successful", "Failed"]),
  steps: z.array(clusterTestStepSchema).max(20),
  failedStep: z.enum(CLUSTER_TEST_STEPS).nullable(),
  message: text(8000),
  hint: text(4000).nullable(),
  command: text(20_000).nullable(),
  serverVersion: text(200).nullable(),
  testedAt: z.iso.datetime(),
  durationMs: z.number().int().min(0).max(3_600_000),
});

export const clusterTaskEventsSchema = taskEventsSchemaOf(clusterTestStepSchema);
export const clusterTaskResultSchema = taskResultSchemaOf(clusterTestStepSchema, clusterTestResultSchema);

// POST /api/delegate/v1/tasks/:id/complete: the result of a task this delegate ran (a connector
// test's is stored with the connector's history, a GitOps cluster test's by the console that
// follows it); 409 when the task had already ended without it, or is not of the result's kind. With `next`, the
// answer also carries up to that many new tasks (200 { tasks }), as acquire would, without waiting.
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import {
  CLUSTER_TEST_TASK,
  completeTask,
  CONNECTOR_TEST_KINDS,
  nextTasksAnswer,
} from "@/lib/connection-test/delegated";
import { taskParamsSchema, taskResultSchema } from "@/lib/connection-test/delegated-schemas";
import { clusterTaskResultSchema } from "@/lib/gitops/task-schemas";
import type { StepEvent } from "@/lib/steps/types";
import { z } from "zod";
import { delegateFor } from "@/lib/delegates/service";
import { AppError } from "@/lib/http/errors";

export const POST = withRoute(
  { access: { delegate: true }, params: taskParamsSchema, body: z.union([taskResultSchema, clusterTaskResultSchema]) },
  async ({ params, body, actor, req }) => {
    const delegate = await delegateFor(body, actor.id);
    const kinds = taskResultSchema.safeParse(body).success ? CONNECTOR_TEST_KINDS : [CLUSTER_TEST_TASK];
    if (
      !(await completeTask(
        delegate.id,
        params.id,
        body.result as object,
        body.events as StepEvent[] | undefined,
        kinds,
      ))
    )
      throw new AppError("CONFLICT", "This task had already ended", { extra: { reason: "task-ended" } });
    return nextTasksAnswer(delegate, body.next, req.signal);
  },
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });

// POST /api/delegate/v1/tasks/:id/complete: the result of a task this delegate ran (stored with
// the connector's history); 409 when the task had already ended without it. With `next`, the
// answer also carries up to that many new tasks (200 { tasks }), as acquire would, without waiting.
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { completeTask, nextTasksAnswer } from "@/lib/connection-test/delegated";
import { taskParamsSchema, taskResultSchema } from "@/lib/connection-test/delegated-schemas";
import type { StepEvent, TestResult } from "@/lib/connection-test/types";
import { delegateFor } from "@/lib/delegates/service";
import { AppError } from "@/lib/http/errors";

export const POST = withRoute(
  { access: { delegate: true }, params: taskParamsSchema, body: taskResultSchema },
  async ({ params, body, actor, req }) => {
    const delegate = await delegateFor(body, actor.id);
    if (
      !(await completeTask(delegate.id, params.id, body.result as TestResult, body.events as StepEvent[] | undefined))
    )
      throw new AppError("CONFLICT", "This task had already ended", { extra: { reason: "task-ended" } });
    return nextTasksAnswer(delegate, body.next, req.signal);
  },
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });

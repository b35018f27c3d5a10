// POST /api/delegate/v1/tasks/:id/answer: the answer to a lookup this delegate ran (the listing,
// or the problem it met), for the request waiting on it; 409 when the task had already ended
// without it. With `next`, the answer also carries up to that many new tasks (200 { tasks }).
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { answerTask, nextTasksAnswer } from "@/lib/connection-test/delegated";
import { taskAnswerSchema, taskParamsSchema } from "@/lib/connection-test/delegated-schemas";
import { delegateFor } from "@/lib/delegates/service";
import { AppError } from "@/lib/http/errors";

export const POST = withRoute(
  { access: { delegate: true }, params: taskParamsSchema, body: taskAnswerSchema },
  async ({ params, body, actor, req }) => {
    const delegate = await delegateFor(body, actor.id);
    if (!(await answerTask(delegate.id, params.id, body.answer)))
      throw new AppError("CONFLICT", "This task had already ended", { extra: { reason: "task-ended" } });
    return nextTasksAnswer(delegate, body.next, req.signal);
  },
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });

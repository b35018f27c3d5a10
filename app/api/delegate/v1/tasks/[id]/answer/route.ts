// POST /api/delegate/v1/tasks/:id/answer: the answer to a lookup this delegate ran (the listing,
// or the problem it met), for the request waiting on it; 409 when the task had already ended
// without it. With `next`, the answer also carries up to that many new tasks (200 { tasks }).
import { json, withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { acquireTasks, answerTask } from "@/lib/connection-test/delegated";
import { taskAnswerSchema, taskParamsSchema } from "@/lib/connection-test/delegated-schemas";
import { delegateFor } from "@/lib/delegates/service";
import { AppError } from "@/lib/http/errors";

export const POST = withRoute(
  { access: { delegate: true }, params: taskParamsSchema, body: taskAnswerSchema },
  async ({ params, body, actor, req }) => {
    const delegate = await delegateFor(body, actor.id);
    if (!(await answerTask(delegate.id, params.id, body.answer)))
      throw new AppError("CONFLICT", "This task had already ended", { extra: { reason: "task-ended" } });
    const tasks = body.next ? await acquireTasks(delegate, body.next, 0, req.signal) : [];
    return tasks.length
      ? json({ tasks }, { headers: { "cache-control": "no-store" } })
      : new Response(null, { status: 204 });
  },
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });

// POST /api/delegate/v1/tasks/:id/events: step events of a task this delegate runs (409 when the
// task is no longer its own: it was declared lost or cancelled, and the delegate stops it)
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { appendTaskEvents } from "@/lib/connection-test/delegated";
import { taskEventsSchema, taskParamsSchema } from "@/lib/connection-test/delegated-schemas";
import type { StepEvent } from "@/lib/connection-test/types";
import { delegateFor } from "@/lib/delegates/service";
import { AppError } from "@/lib/http/errors";

export const POST = withRoute(
  { access: { delegate: true }, params: taskParamsSchema, body: taskEventsSchema },
  async ({ params, body, actor }) => {
    const delegate = await delegateFor(body, actor.id);
    if (!(await appendTaskEvents(delegate.id, params.id, body.events as StepEvent[])))
      throw new AppError("CONFLICT", "This task is not running on this delegate any more", {
        extra: { reason: "task-ended" },
      });
    return new Response(null, { status: 204 });
  },
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });

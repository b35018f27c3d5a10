// POST /api/delegate/v1/tasks/:id/events: step events of a task this delegate runs (409 when the
// task is no longer its own: it was declared lost or cancelled, and the delegate stops it). The
// events are a connector test's or a GitOps cluster test's, and must be the task's kind.
import { withRoute } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/methods";
import { appendTaskEvents, CLUSTER_TEST_TASK, CONNECTOR_TEST_KINDS } from "@/lib/connection-test/delegated";
import { taskEventsSchema, taskParamsSchema } from "@/lib/connection-test/delegated-schemas";
import { clusterTaskEventsSchema } from "@/lib/gitops/task-schemas";
import type { StepEvent } from "@/lib/steps/types";
import { z } from "zod";
import { delegateFor } from "@/lib/delegates/service";
import { AppError } from "@/lib/http/errors";

export const POST = withRoute(
  { access: { delegate: true }, params: taskParamsSchema, body: z.union([taskEventsSchema, clusterTaskEventsSchema]) },
  async ({ params, body, actor }) => {
    const delegate = await delegateFor(body, actor.id);
    // Step names shared by both kinds fit either.
    const kinds = [
      ...(taskEventsSchema.safeParse(body).success ? CONNECTOR_TEST_KINDS : []),
      ...(clusterTaskEventsSchema.safeParse(body).success ? [CLUSTER_TEST_TASK] : []),
    ];
    if (!(await appendTaskEvents(delegate.id, params.id, body.events as StepEvent[], kinds)))
      throw new AppError("CONFLICT", "This task is not running on this delegate any more", {
        extra: { reason: "task-ended" },
      });
    return new Response(null, { status: 204 });
  },
);

export const { GET, HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ POST });

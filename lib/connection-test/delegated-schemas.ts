// What a delegate reports for a task it runs, validated before it is stored. Pure.
import { z } from "zod";
import { lookupAnswerSchema } from "@/lib/delegates/schemas";
import { STEP_IDS } from "./types";

const text = (max: number) => z.string().max(max);

/** A step event of a task whose steps are these. */
export const stepEventSchemaOf = <const T extends readonly [string, ...string[]]>(steps: T) =>
  z.looseObject({
    type: z.literal("step"),
    step: z.enum(steps),
    title: text(200),
    status: z.enum(["pending", "running", "passed", "failed", "skipped"]),
    durationMs: z.number().int().min(0).max(3_600_000).optional(),
    detail: text(8000).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    retries: z.number().int().min(0).max(1000),
    retryReasons: z.array(text(500)).max(100).optional(),
    awsRequestId: text(200).optional(),
    errorCode: text(200).optional(),
    reason: text(200).optional(),
    hint: z
      .looseObject({
        text: text(4000),
        policy: z.record(z.string(), z.unknown()).optional(),
        commands: z.array(text(4000)).max(50).optional(),
      })
      .optional(),
  });

export const stepEventSchema = stepEventSchemaOf(STEP_IDS);

const who = { delegateId: z.string().uuid(), instanceId: z.string().uuid() };

/** Step events of a task whose steps are these. */
export const taskEventsSchemaOf = (step: z.ZodType) =>
  z.strictObject({
    ...who,
    events: z.array(step).min(1).max(200),
  });

export const taskEventsSchema = taskEventsSchemaOf(stepEventSchema);

/** The result of a task whose steps and result these are. */
export const taskResultSchemaOf = (step: z.ZodType, result: z.ZodType) =>
  z.strictObject({
    ...who,
    result,
    /** The step events not sent yet (they travel with the result rather than in a call of their own). */
    events: z.array(step).min(1).max(200).optional(),
    /** Tasks to take in the same answer (the slot this one frees): saves the delegate a round trip. */
    next: z.number().int().min(1).max(256).optional(),
  });

export const taskResultSchema = taskResultSchemaOf(
  stepEventSchema,
  z.looseObject({
    status: z.enum(["SUCCESS", "FAILURE", "PARTIAL"]),
    errors: z.array(z.strictObject({ reason: text(200), message: text(4000), code: text(200) })).max(50),
    errorSummary: text(4000),
    testedAt: z.number().int().min(0),
    delegateId: text(200),
    durationMs: z.number().int().min(0).max(3_600_000),
    steps: z.array(stepEventSchema).max(50),
  }),
);

export const acquireSchema = z.strictObject({
  ...who,
  /** How long the console may hold the request open waiting for work. */
  waitMs: z.number().int().min(0).max(25_000).default(20_000),
  /** Tasks the delegate has room for now: the answer carries up to that many. */
  max: z.number().int().min(1).max(256).default(1),
});

export const taskParamsSchema = z.object({ id: z.string().uuid() });

export const taskAnswerSchema = z.strictObject({
  ...who,
  answer: lookupAnswerSchema,
  /** Tasks to take in the same answer, as with a test's result. */
  next: z.number().int().min(1).max(256).optional(),
});

// A small executor for declared plans of steps: each step runs as soon as the steps it needs have
// passed (independent ones in parallel), streams `running` then its outcome, and is skipped with
// the reason when a step it needs did not pass. A whole-run time limit aborts what is running, and
// so does the caller's signal (the console is stopping): the steps running then fail with its reason.
// Failures become step events through the caller's diagnose(), so every plan explains the same way.
import type { Diagnosis } from "@/lib/diagnosis/types";
import type { Hint, StepEvent } from "./types";
import { abortable } from "@/lib/common/abortable";

export interface RetryNote {
  code: string;
  errorClass: string;
  delayMs: number;
}

export interface StepIo {
  signal: AbortSignal;
  /** Records one retry of an AWS call (the SDK's retry strategy calls it). */
  onRetry: (r: RetryNote) => void;
  /** The value a needed step produced. */
  valueOf: <T>(id: string) => T;
}

export interface StepOutcome {
  value?: unknown;
  detail: string;
  data?: Record<string, unknown>;
  awsRequestId?: string;
  /** Optional checks report a problem or a skip without throwing. */
  status?: "passed" | "failed" | "skipped";
  /** A problem reported without throwing: its class and its fix. */
  reason?: string;
  hint?: Hint;
}

export interface StepDef<Id extends string> {
  id: Id;
  title: string;
  /** Steps that must pass before this one runs. */
  needs?: Id[];
  /** A reason this step does not apply at all (configuration), or undefined. */
  skip?: string;
  /** What steps that need this one say when it does not pass. */
  blocks?: string;
  run: (io: StepIo) => Promise<StepOutcome>;
}

export interface RunInfo {
  retries: number;
  /** The whole run's time limit ran out. */
  timedOut: boolean;
}

export interface PlanOptions<Id extends string> {
  emit: (e: StepEvent<Id>) => void;
  timeoutMs: number;
  /** A thrown error as what the step reports. */
  diagnose: (err: unknown, step: Id, info: RunInfo) => Diagnosis;
  /** Ends the run early: running steps fail with the abort reason's message (reason `stopped`). */
  signal?: AbortSignal;
}

class RunTimeout extends Error {}

/** Why a step did not pass, as the steps needing it repeat it (a skip passes its own reason on). */
type Settled = { passed: true; value: unknown } | { passed: false; because: string };

/** Runs the plan; resolves with every step's last event, in plan order. */
export async function runPlan<Id extends string>(plan: StepDef<Id>[], o: PlanOptions<Id>): Promise<StepEvent<Id>[]> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(new RunTimeout()), o.timeoutMs);
  const stop = () => ctrl.abort(o.signal?.reason);
  if (o.signal?.aborted) stop();
  else o.signal?.addEventListener("abort", stop, { once: true });
  const stopped = () => Boolean(o.signal?.aborted) && ctrl.signal.reason === o.signal?.reason;
  const last = new Map<Id, StepEvent<Id>>();
  const settled = new Map<Id, Promise<Settled>>();
  const values = new Map<string, unknown>();
  const byId = new Map(plan.map((s) => [s.id, s]));

  const emit = (e: Omit<StepEvent<Id>, "type" | "title">) => {
    const ev = { type: "step", title: byId.get(e.step)!.title, ...e } as StepEvent<Id>;
    last.set(e.step, ev);
    o.emit(ev);
  };
  const skipped = (step: Id, detail: string): Settled => {
    emit({ step, status: "skipped", detail, retries: 0 });
    return { passed: false, because: detail };
  };

  async function runStep(def: StepDef<Id>): Promise<Settled> {
    if (def.skip) return skipped(def.id, def.skip);
    for (const need of def.needs ?? []) {
      const s = await settled.get(need)!;
      if (!s.passed) return skipped(def.id, s.because);
    }
    const retries: RetryNote[] = [];
    const t0 = performance.now();
    emit({ step: def.id, status: "running", retries: 0 });
    const timing = () => ({
      durationMs: Math.round(performance.now() - t0),
      retries: retries.length,
      retryReasons: retries.length
        ? retries.map((r) => `${r.code} (${r.errorClass}), waited ${r.delayMs} ms`)
        : undefined,
    });
    const io: StepIo = {
      signal: ctrl.signal,
      onRetry: (r) => retries.push(r),
      valueOf: <T>(id: string) => values.get(id) as T,
    };
    try {
      const r = await abortable(def.run(io), ctrl.signal);
      const status = r.status ?? "passed";
      emit({
        step: def.id,
        status,
        detail: r.detail,
        data: r.data,
        awsRequestId: r.awsRequestId,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.hint ? { hint: r.hint } : {}),
        ...timing(),
      });
      if (status !== "passed") return { passed: false, because: def.blocks ?? `Skipped: ${def.title} did not pass` };
      values.set(def.id, r.value);
      return { passed: true, value: r.value };
    } catch (err) {
      if (stopped()) {
        const reason: unknown = o.signal?.reason;
        emit({
          step: def.id,
          status: "failed",
          detail: reason instanceof Error ? reason.message : "The run was stopped",
          errorCode: "Stopped",
          reason: "stopped",
          ...timing(),
        });
        return { passed: false, because: def.blocks ?? `Skipped: ${def.title} did not pass` };
      }
      const d = o.diagnose(err, def.id, { retries: retries.length, timedOut: ctrl.signal.aborted });
      emit({
        step: def.id,
        status: "failed",
        detail: d.detail,
        errorCode: d.code ?? d.reason,
        reason: d.reason,
        awsRequestId: d.awsRequestId,
        ...timing(),
        ...(d.fix ? { hint: { text: d.fix, policy: d.policy, commands: d.commands } } : {}),
      });
      return { passed: false, because: def.blocks ?? `Skipped: ${def.title} did not pass` };
    }
  }

  try {
    // Registered in plan order, so a step's needs (declared earlier) are always in the map.
    for (const def of plan) settled.set(def.id, runStep(def));
    await Promise.all(settled.values());
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener("abort", stop);
  }
  return plan.map((s) => last.get(s.id)).filter((e): e is StepEvent<Id> => Boolean(e));
}

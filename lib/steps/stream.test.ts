// The step stream (stream.ts) and the executor's outside stop (executor.ts): every stream ends
// with a result line and lets its lock go once, at the latest when the client cancels; a stopping
// console ends a run with its reason on the running step.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConsoleStopping, endRunsSignal, resetLifecycle, stopRuns, STOPPING_MESSAGE } from "@/lib/lifecycle";
import { readNdjson } from "@/lib/http/stream";
import { runPlan, type StepDef } from "./executor";
import { ndjsonStream } from "./stream";

afterEach(() => resetLifecycle());

type Ev = { type: "step" | "result"; n?: number; why?: string };

async function lines(body: ReadableStream<Uint8Array>): Promise<Ev[]> {
  const out: Ev[] = [];
  for await (const e of readNdjson<Ev>(body)) out.push(e);
  return out;
}

describe("ndjsonStream", () => {
  it("ends with the failure line when the run throws, and lets the lock go once", async () => {
    const release = vi.fn(async () => {});
    const body = ndjsonStream<Ev>(
      async (emit, unlock) => {
        emit({ type: "step", n: 1 });
        await unlock();
        throw new Error("saving exploded");
      },
      release,
      (err) => ({ type: "result", why: (err as Error).message }),
    );
    expect(await lines(body)).toEqual([
      { type: "step", n: 1 },
      { type: "result", why: "saving exploded" },
    ]);
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("lets the lock go as soon as the client cancels; the run goes on", async () => {
    const release = vi.fn(async () => {});
    let finish!: () => void;
    const ran = vi.fn();
    const body = ndjsonStream<Ev>(async (emit) => {
      emit({ type: "step", n: 1 });
      await new Promise<void>((r) => (finish = r));
      emit({ type: "result" }); // nobody reads it any more
      ran();
    }, release);
    const reader = body.getReader();
    await reader.read();
    await reader.cancel();
    expect(release).toHaveBeenCalledTimes(1);
    finish();
    await vi.waitFor(() => expect(ran).toHaveBeenCalled());
    expect(release).toHaveBeenCalledTimes(1);
  });

  it("is a run a stopping console waits for", async () => {
    let finish!: () => void;
    const body = ndjsonStream<Ev>(
      async (emit) => {
        await new Promise<void>((r) => (finish = r));
        emit({ type: "result" });
      },
      async () => {},
    );
    const stopped = stopRuns({ drainMs: 5_000, endMs: 0 });
    setTimeout(() => finish(), 50);
    expect(await stopped).toEqual({ finished: 1, ended: 0 });
    expect(await lines(body)).toEqual([{ type: "result" }]);
  });
});

describe("runPlan with an outside stop", () => {
  it("fails the running step with the reason and skips what needs it", async () => {
    const plan: StepDef<"a" | "b">[] = [
      { id: "a", title: "A", run: () => new Promise(() => {}) }, // never answers
      { id: "b", title: "B", needs: ["a"], run: async () => ({ detail: "ran" }) },
    ];
    const diagnose = vi.fn(() => ({ reason: "x", detail: "diagnosed" }));
    const done = runPlan(plan, { emit: () => {}, timeoutMs: 60_000, diagnose, signal: endRunsSignal() });
    setTimeout(() => void stopRuns({ drainMs: 0, endMs: 0 }), 20);
    const t0 = performance.now();
    const steps = await done;
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(endRunsSignal().reason).toBeInstanceOf(ConsoleStopping);
    expect(steps).toMatchObject([
      { step: "a", status: "failed", reason: "stopped", detail: STOPPING_MESSAGE },
      { step: "b", status: "skipped" },
    ]);
    expect(diagnose).not.toHaveBeenCalled();
  });
});

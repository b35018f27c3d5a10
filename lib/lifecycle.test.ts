// Stopping the console (lib/db/lifecycle.ts): running tests may finish for the drain, the rest
// are told to end; closers run at once and within their time.
import { afterEach, describe, expect, it } from "vitest";
import {
  ConsoleStopping,
  closeResources,
  endRunsSignal,
  isStopping,
  onClose,
  resetLifecycle,
  stopRuns,
  trackRun,
} from "./lifecycle";

afterEach(() => resetLifecycle());

const after = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("stopping", () => {
  it("lets a run that finishes within the drain finish, and ends the one that does not", async () => {
    expect(isStopping()).toBe(false);
    void trackRun(after(50));
    const signal = endRunsSignal();
    // A run that only ends when told to.
    void trackRun(new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve())));
    const t0 = performance.now();
    const r = await stopRuns({ drainMs: 300, endMs: 1_000 });
    expect(r).toEqual({ finished: 1, ended: 1 });
    expect(isStopping()).toBe(true);
    expect(signal.reason).toBeInstanceOf(ConsoleStopping);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it("returns at once when nothing runs, and a failed run counts as settled", async () => {
    void trackRun(Promise.reject(new Error("boom")));
    expect(await stopRuns({ drainMs: 5_000, endMs: 5_000 })).toEqual({ finished: 1, ended: 0 });
    expect(endRunsSignal().aborted).toBe(true); // whatever still runs, untracked, ends too
  });

  it("runs every closer at once and gives up on a stuck one after its time", async () => {
    const closed: string[] = [];
    onClose("a", async () => void closed.push("a"));
    onClose("stuck", () => new Promise(() => {}));
    onClose("failing", () => Promise.reject(new Error("no")));
    onClose("b", async () => {
      await after(20);
      closed.push("b");
    });
    const t0 = performance.now();
    expect(await closeResources(300)).toEqual(["stuck"]);
    expect(closed.sort()).toEqual(["a", "b"]);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

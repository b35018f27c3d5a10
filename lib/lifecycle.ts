// How the console stops (scripts/serve.ts on SIGTERM): running tests may finish for a while, then
// are ended with a result line saying why; then what registered a closer (held test locks, every
// database pool, anything else that must end cleanly) is closed. The server (loaded by tsx) and
// the app (Next's bundle) each load their own copy of this module in one process, so the state
// lives on globalThis; no "server-only" here for that reason, and no imports: any layer may use it.

/** Why a test ended early while the console stops; its result line says so. */
export const STOPPING_MESSAGE = "The console is stopping: this test was ended before it finished. Run it again.";

export class ConsoleStopping extends Error {
  constructor() {
    super(STOPPING_MESSAGE);
    this.name = "ConsoleStopping";
  }
}

interface State {
  /** Set when SIGTERM arrives: no new test starts. */
  stopping: boolean;
  /** Aborted when the running tests must end (after the drain). */
  ending: AbortController;
  runs: Set<Promise<unknown>>;
  /** What must be closed when the process stops (pools, held locks), by name. */
  closers: Map<string, () => Promise<unknown>>;
}

const KEY = Symbol.for("conduit.lifecycle");

function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[KEY] ??= { stopping: false, ending: new AbortController(), runs: new Set(), closers: new Map() });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** True once the console has begun stopping: tests are refused (503) and readiness fails. */
export const isStopping = () => state().stopping;

/** Aborted (with {@link ConsoleStopping}) when running tests must end now. */
export const endRunsSignal = (): AbortSignal => state().ending.signal;

/** Counts a test run until it settles, so stopping waits for it. */
export function trackRun<T>(run: Promise<T>): Promise<T> {
  const runs = state().runs;
  const tracked = run.finally(() => runs.delete(tracked));
  tracked.catch(() => {}); // the caller handles the outcome
  runs.add(tracked);
  return tracked;
}

/** Registers what to close when the process stops; a later registration under the name replaces it. */
export function onClose(name: string, close: () => Promise<unknown>): void {
  state().closers.set(name, close);
}

/**
 * Stops test runs: none start from now on; the running ones may finish for `drainMs`, then they
 * are told to end (their result line says the console is stopping) and get `endMs` more.
 * Resolves with how many finished on their own and how many were ended.
 */
export async function stopRuns(opts: { drainMs: number; endMs: number }): Promise<{ finished: number; ended: number }> {
  const s = state();
  s.stopping = true;
  const running = s.runs.size;
  const settled = () => Promise.allSettled([...s.runs]);
  await Promise.race([settled(), sleep(opts.drainMs)]);
  const ended = s.runs.size;
  s.ending.abort(new ConsoleStopping());
  if (ended) await Promise.race([settled(), sleep(opts.endMs)]);
  return { finished: running - ended, ended };
}

/** Runs every closer at once (held locks, pools), bounded by `timeoutMs`; returns the names that did not finish. */
export async function closeResources(timeoutMs: number): Promise<string[]> {
  const pending = new Set<string>();
  const all = [...state().closers].map(async ([name, close]) => {
    pending.add(name);
    try {
      await close();
    } catch {
      // closing is best effort: the process exits next
    } finally {
      pending.delete(name);
    }
  });
  await Promise.race([Promise.all(all), sleep(timeoutMs)]);
  return [...pending];
}

/** For tests: back to a running console. */
export function resetLifecycle(): void {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  g[KEY] = undefined;
}

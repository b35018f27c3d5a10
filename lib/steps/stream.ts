// The server side of a step stream: NDJSON events as the run produces them, the run's lock let go
// once, and a client that went away never stops the run (its result is still stored, but its lock
// goes at once). Every stream ends with a result line: `failure` turns a run that threw into one.
// Runs are counted while they go, so a stopping console waits for them (lib/lifecycle.ts).
import "server-only";
import { trackRun } from "@/lib/lifecycle";
import { logger } from "@/lib/logger";

/**
 * Streams events as NDJSON. `run` may let the lock go early (while it stores the result); the
 * stream lets it go in any case, once, before it closes, or as soon as the client cancels.
 * `failure` is the last line when `run` throws.
 */
export function ndjsonStream<E>(
  run: (emit: (e: E) => void, release: () => Promise<void>) => Promise<void>,
  release: () => Promise<void>,
  failure?: (err: unknown) => E,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let released: Promise<void> | undefined;
  const once = () => (released ??= release().catch((err: unknown) => logger.warn({ err }, "could not let a lock go")));
  let open = true;
  return new ReadableStream({
    async start(controller) {
      // Events of one tick (parallel steps starting, skips) leave as one chunk.
      let pending = "";
      const flush = () => {
        if (!pending || !open) return;
        const chunk = pending;
        pending = "";
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          open = false; // the client went away; the run still finishes and is stored
        }
      };
      const emit = (e: E) => {
        if (!open) return;
        if (!pending) queueMicrotask(flush);
        pending += `${JSON.stringify(e)}\n`;
      };
      try {
        await trackRun(run(emit, once));
      } catch (err) {
        logger.error({ err }, "step run failed unexpectedly");
        try {
          if (failure) emit(failure(err));
        } catch (e) {
          logger.error({ err: e }, "could not describe a failed step run");
        }
      } finally {
        await once();
        flush();
        if (open) {
          open = false;
          controller.close();
        }
      }
    },
    cancel() {
      open = false;
      void once();
    },
  });
}

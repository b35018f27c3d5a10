// The server side of a step stream: NDJSON events as the run produces them, the run's lock let go
// once, and a client that went away never stops the run (its result is still stored).
import "server-only";
import { logger } from "@/lib/logger";

/**
 * Streams events as NDJSON. `run` may let the lock go early (while it stores the result); the
 * stream lets it go in any case, once, before it closes.
 */
export function ndjsonStream<E>(
  run: (emit: (e: E) => void, release: () => Promise<void>) => Promise<void>,
  release: () => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let released: Promise<void> | undefined;
  const once = () => (released ??= release());
  return new ReadableStream({
    async start(controller) {
      let open = true;
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
        await run(emit, once);
      } catch (err) {
        logger.error({ err }, "step run failed unexpectedly");
      } finally {
        await once();
        flush();
        if (open) controller.close();
      }
    },
  });
}

"use client";
// Follows a step stream from the browser: every step shown as pending, then live as its events
// arrive, then the result line. Used by the connector test and the GitOps cluster test.
import { useCallback, useRef, useState } from "react";
import { ApiError } from "@/lib/http/client";
import type { Problem } from "@/lib/http/errors";
import { readNdjson } from "@/lib/http/stream";
import type { ResultEvent, StepEvent } from "./types";

export interface StepStreamState<S extends StepEvent, R> {
  steps: S[];
  result?: R;
  running: boolean;
  error?: string;
}

export function useStepStream<S extends StepEvent, R extends { steps: S[] }>(initialSteps: () => S[]) {
  const [state, setState] = useState<StepStreamState<S, R>>(() => ({ steps: initialSteps(), running: false }));
  const busy = useRef(false);

  /** POSTs to `url` and follows the answer; `after` runs once the stream ended (cache refreshes). */
  const run = useCallback(
    async (url: string, init: RequestInit, after?: () => Promise<unknown>) => {
      if (busy.current) return;
      busy.current = true;
      setState({ steps: initialSteps(), running: true });
      try {
        const res = await fetch(url, {
          method: "POST",
          ...init,
          headers: { accept: "application/x-ndjson", ...init.headers },
        });
        if (!res.ok || !res.body) throw new ApiError((await res.json()) as Problem);
        for await (const ev of readNdjson<S | ResultEvent<R>>(res.body)) {
          setState((s) =>
            ev.type === "step"
              ? { ...s, steps: s.steps.map((x) => (x.step === ev.step ? ev : x)) }
              : {
                  ...s,
                  result: ev.result,
                  steps: s.steps.map((x) => ev.result.steps.find((r) => r.step === x.step) ?? x),
                },
          );
        }
        setState((s) => ({
          ...s,
          running: false,
          error: s.result ? undefined : "The test ended without a verdict; see the server log.",
        }));
        await after?.();
      } catch (err) {
        const message =
          err instanceof ApiError
            ? (err.problem.detail ?? err.problem.title)
            : "Conduit's server cannot be reached. Check your connection and try again.";
        setState((s) => ({ ...s, running: false, error: message }));
      } finally {
        busy.current = false;
      }
    },
    [initialSteps],
  );

  return { ...state, run };
}

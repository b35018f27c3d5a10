"use client";
// Runs a connection test from the browser and follows its NDJSON stream step by step.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { connectorKeys } from "@/lib/connectors/hooks";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { ApiError, apiFetch, apiUrl } from "@/lib/http/client";
import type { Problem } from "@/lib/http/errors";
import { readNdjson } from "@/lib/http/stream";
import type { ScopeRef } from "@/lib/scope";
import { STEP_IDS, STEP_TITLES, type StepEvent, type StoredTest, type TestEvent, type TestResult } from "./types";

export const testKeys = {
  history: (scope: ScopeRef, identifier: string) => [...connectorKeys.all, "tests", scope, identifier] as const,
};

export const useConnectorTests = (scope: ScopeRef, identifier: string) =>
  useQuery({
    queryKey: testKeys.history(scope, identifier),
    queryFn: ({ signal }) =>
      apiFetch<{ items: StoredTest[] }>(`/api/connectors/${encodeURIComponent(identifier)}/tests`, {
        scope,
        signal,
      }).then((r) => r.items),
  });

const initialSteps = (): StepEvent[] =>
  STEP_IDS.map((step) => ({ type: "step", step, title: STEP_TITLES[step], status: "pending", retries: 0 }));

export interface ConnectionTestState {
  steps: StepEvent[];
  result?: TestResult;
  running: boolean;
  error?: string;
}

/** `target` is a saved connector's identifier, or an unsaved spec to test as-is. */
export function useConnectionTest(scope: ScopeRef) {
  const qc = useQueryClient();
  const [state, setState] = useState<ConnectionTestState>({ steps: initialSteps(), running: false });
  const busy = useRef(false);

  const start = useCallback(
    async (target: { identifier: string } | { input: ConnectorInput }) => {
      if (busy.current) return;
      busy.current = true;
      setState({ steps: initialSteps(), running: true });
      try {
        const saved = "identifier" in target;
        const res = await fetch(
          apiUrl(saved ? `/api/connectors/${encodeURIComponent(target.identifier)}/test` : "/api/connectors/test", {
            scope,
          }),
          {
            method: "POST",
            headers: { accept: "application/x-ndjson", ...(saved ? {} : { "content-type": "application/json" }) },
            body: saved ? undefined : JSON.stringify(target.input),
          },
        );
        if (!res.ok || !res.body) throw new ApiError((await res.json()) as Problem);
        for await (const ev of readNdjson<TestEvent>(res.body)) {
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
        if (saved) {
          await qc.invalidateQueries({ queryKey: connectorKeys.all });
          // A history fetch that started with the run (and had no data yet) is not cancelled by
          // the invalidation but reused, so it may predate this result: fetch the history again.
          await qc.refetchQueries({ queryKey: testKeys.history(scope, target.identifier), type: "active" });
        }
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
    [scope, qc],
  );

  return { ...state, start };
}

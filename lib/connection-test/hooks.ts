"use client";
// Runs a connection test from the browser and follows its NDJSON stream step by step.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { connectorKeys } from "@/lib/connectors/hooks";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { apiFetch, apiUrl } from "@/lib/http/client";
import { useStepStream, type StepStreamState } from "@/lib/steps/use-step-stream";
import type { ScopeRef } from "@/lib/scope";
import { STEP_IDS, STEP_TITLES, type StepEvent, type StoredTest, type TestResult } from "./types";

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

export type ConnectionTestState = StepStreamState<StepEvent, TestResult>;

/** `target` is a saved connector's identifier, or an unsaved spec to test as-is. */
export function useConnectionTest(scope: ScopeRef) {
  const qc = useQueryClient();
  const { run, ...state } = useStepStream<StepEvent, TestResult>(initialSteps);
  const start = useCallback(
    (target: { identifier: string } | { input: ConnectorInput }) => {
      if (!("identifier" in target)) {
        return run(apiUrl("/api/connectors/test", { scope }), {
          headers: { "content-type": "application/json" },
          body: JSON.stringify(target.input),
        });
      }
      return run(apiUrl(`/api/connectors/${encodeURIComponent(target.identifier)}/test`, { scope }), {}, async () => {
        await qc.invalidateQueries({ queryKey: connectorKeys.all });
        // A history fetch that started with the run (and had no data yet) is not cancelled by
        // the invalidation but reused, so it may predate this result: fetch the history again.
        await qc.refetchQueries({ queryKey: testKeys.history(scope, target.identifier), type: "active" });
      });
    },
    [run, scope, qc],
  );
  return { ...state, start };
}

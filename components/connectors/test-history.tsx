"use client";
import { EmptyState } from "@/components/ui/misc";
import type { ScopeRef } from "@/lib/scopes/schemas";

/** Past connection tests of one connector. Placeholder until test runs are stored; keep the props. */
export function ConnectionTestHistory({ scope: _scope, identifier: _identifier }: { scope: ScopeRef; identifier: string }) {
  return (
    <EmptyState title="No tests have run yet" icon="audit">
      Connection tests for this connector will be listed here with their steps, timings and any errors AWS returned.
    </EmptyState>
  );
}

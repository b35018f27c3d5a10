"use client";
import { Card } from "@/components/ui/misc";
import type { ScopeRef } from "@/lib/scopes/schemas";
import { TestStatusBadge } from "./test-status-badge";

/**
 * Runs and shows a connection test for a saved connector. Placeholder until the
 * test-connection engine lands; keep the props: the wizard and the details page pass them.
 */
export function ConnectionTestPanel({ scope: _scope, identifier }: { scope: ScopeRef; identifier: string }) {
  return (
    <Card className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold">Connection test</h3>
        <TestStatusBadge status="UNKNOWN" />
      </div>
      <p className="text-sm text-muted">
        The connection test is not available yet. Once it is, Conduit will check <span className="font-mono text-fg">{identifier}</span> step by
        step here: credentials, STS caller identity, the cross-account role and the permissions the connector needs.
      </p>
    </Card>
  );
}

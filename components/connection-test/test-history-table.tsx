"use client";
import { useState } from "react";
import { TestStatusBadge } from "@/components/connection-test/test-status-badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Alert, EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useConnectorTests } from "@/lib/connection-test/hooks";
import type { StoredTest } from "@/lib/connection-test/types";
import type { TestStatus } from "@/lib/connectors/dto";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { TestSteps } from "./test-steps";

export function TestHistoryTable({ scope, identifier }: { scope: ScopeRef; identifier: string }) {
  const tests = useConnectorTests(scope, identifier);
  const [open, setOpen] = useState<string | null>(null);
  if (tests.isLoading) return <Spinner label="Loading test history" />;
  if (tests.isError) return <Alert>{errorMessage(tests.error)}</Alert>;
  if (!tests.data?.length) {
    return (
      <EmptyState title="No tests yet" icon="connectors">
        Run &quot;Test connection&quot; to see, step by step, whether AWS accepts this connector.
      </EmptyState>
    );
  }
  const columns: Column<StoredTest>[] = [
    {
      id: "when",
      header: "When",
      className: "whitespace-nowrap",
      cell: (t) => (
        <time dateTime={new Date(t.testedAt).toISOString()}>
          {new Date(t.testedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })}
        </time>
      ),
    },
    { id: "status", header: "Status", cell: (t) => <TestStatusBadge status={t.status as TestStatus} /> },
    {
      id: "summary",
      header: "Summary",
      hideBelow: "sm",
      className: "text-muted",
      cell: (t) => t.errorSummary || "All steps passed",
    },
    {
      id: "duration",
      header: "Duration",
      hideBelow: "md",
      className: "whitespace-nowrap",
      cell: (t) => `${t.durationMs} ms`,
    },
    { id: "by", header: "By", hideBelow: "lg", cell: (t) => t.actor },
    {
      id: "steps",
      header: "Steps",
      srOnly: true,
      align: "end",
      className: "py-2.5",
      cell: (t) => (
        <Button
          size="sm"
          variant="ghost"
          className="whitespace-nowrap"
          aria-expanded={open === t.id}
          onClick={() => setOpen(open === t.id ? null : t.id)}
        >
          {open === t.id ? "Hide steps" : "Steps"}
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      caption="Connection tests, newest first"
      columns={columns}
      rows={tests.data}
      rowKey={(t) => t.id}
      expanded={(t) => open === t.id && <TestSteps steps={t.steps} />}
    />
  );
}

"use client";
import { Fragment, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, EmptyState } from "@/components/ui/misc";
import { Spinner } from "@/components/ui/spinner";
import { useConnectorTests } from "@/lib/connection-test/hooks";
import { errorMessage } from "@/lib/http/client";
import type { ScopeRef } from "@/lib/scope";
import { TestSteps } from "./test-steps";
import { TestStatusBadge } from "@/components/connection-test/test-status-badge";
import type { TestStatus } from "@/lib/connectors/dto";

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
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Connection tests, newest first</caption>
        <thead className="border-b border-border bg-surface-2 text-xs uppercase text-muted">
          <tr>
            <th scope="col" className="px-4 py-2">
              When
            </th>
            <th scope="col" className="px-4 py-2">
              Status
            </th>
            <th scope="col" className="px-4 py-2">
              Summary
            </th>
            <th scope="col" className="px-4 py-2">
              Duration
            </th>
            <th scope="col" className="px-4 py-2">
              By
            </th>
            <th scope="col" className="px-4 py-2">
              <span className="sr-only">Steps</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tests.data.map((t) => (
            <Fragment key={t.id}>
              <tr className="border-b border-border align-top last:border-0">
                <td className="whitespace-nowrap px-4 py-2">
                  <time dateTime={new Date(t.testedAt).toISOString()}>
                    {new Date(t.testedAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })}
                  </time>
                </td>
                <td className="px-4 py-2">
                  <TestStatusBadge status={t.status as TestStatus} />
                </td>
                <td className="px-4 py-2 text-muted">{t.errorSummary || "All steps passed"}</td>
                <td className="whitespace-nowrap px-4 py-2">{t.durationMs} ms</td>
                <td className="px-4 py-2">{t.actor}</td>
                <td className="px-4 py-2 text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    className="whitespace-nowrap"
                    aria-expanded={open === t.id}
                    onClick={() => setOpen(open === t.id ? null : t.id)}
                  >
                    {open === t.id ? "Hide steps" : "Steps"}
                  </Button>
                </td>
              </tr>
              {open === t.id && (
                <tr className="border-b border-border bg-surface-2/40">
                  <td colSpan={6} className="px-4">
                    <TestSteps steps={t.steps} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

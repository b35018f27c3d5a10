"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { Card } from "@/components/ui/misc";
import { CLUSTER_TEST_STEP_LABELS, type ClusterTestResult } from "@/lib/gitops/dto";
import { cn } from "@/components/ui/cn";

const MARK = { passed: "✓", failed: "✕", skipped: "–" } as const;
const WORD = { passed: "passed", failed: "failed", skipped: "skipped" } as const;

/** What "Test connection" found: each step, and for a failure what to fix (with a command to copy). */
export function TestResultPanel({ result }: { result: ClusterTestResult }) {
  const ok = result.status === "Successful";
  return (
    <Card className={cn("flex flex-col gap-3", ok ? "border-success/40" : "border-danger/40")}>
      <div role={ok ? "status" : "alert"}>
        <h2 className={cn("text-base font-semibold", ok ? "text-success" : "text-danger")}>
          {ok
            ? "Connection successful"
            : `Connection failed at “${CLUSTER_TEST_STEP_LABELS[result.failedStep ?? "connect"]}”`}
        </h2>
        <p className="mt-1 text-sm">{result.message}</p>
      </div>
      <ol className="flex flex-col gap-1.5 text-sm" aria-label="Test steps">
        {result.steps.map((s) => (
          <li key={s.id} className="flex gap-2">
            <span
              aria-hidden
              className={cn(
                "w-4 text-center font-bold",
                s.status === "passed" ? "text-success" : s.status === "failed" ? "text-danger" : "text-muted",
              )}
            >
              {MARK[s.status]}
            </span>
            <span className="min-w-0">
              <span className="font-medium">{CLUSTER_TEST_STEP_LABELS[s.id]}</span>
              <span className="sr-only"> {WORD[s.status]}</span>
              <span className="text-muted"> — {s.detail}</span>
            </span>
          </li>
        ))}
      </ol>
      {result.hint && <p className="rounded-md border border-warning/40 bg-warning/10 p-2.5 text-sm">{result.hint}</p>}
      {result.command && (
        <div className="flex items-start gap-2">
          <pre
            aria-label="Command that fixes it"
            tabIndex={0}
            className="min-w-0 flex-1 overflow-x-auto rounded-md border border-border bg-surface-2 p-2.5 font-mono text-xs"
          >
            <code>{result.command}</code>
          </pre>
          <CopyButton text={result.command} label="Copy the command" />
        </div>
      )}
    </Card>
  );
}

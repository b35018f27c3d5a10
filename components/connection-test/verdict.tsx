import { TestStatusBadge } from "@/components/connection-test/test-status-badge";
import type { TestResult } from "@/lib/connection-test/types";
const words = {
  SUCCESS: "AWS accepts these credentials and everything Conduit needs is allowed.",
  PARTIAL: "The connector works, but some actions Conduit uses are not allowed.",
  FAILURE: "The connector does not work yet.",
} as const;

export function Verdict({ result }: { result: TestResult }) {
  const identity =
    result.steps.find((s) => s.step === "roleIdentity" && s.status === "passed") ??
    result.steps.find((s) => s.step === "identity" && s.status === "passed");
  const account = identity?.data?.account as string | undefined;
  return (
    <div
      role="status"
      aria-label="Test verdict"
      className="flex flex-wrap items-center gap-3 rounded-md border border-border bg-surface-2 p-3"
    >
      <TestStatusBadge status={result.status} />
      <p className="min-w-0 flex-1 text-sm">
        {words[result.status]}
        {account && (
          <>
            {" "}
            Account <span className="font-mono">{account}</span>.
          </>
        )}
        {result.errorSummary && result.status !== "SUCCESS" && (
          <span className="block text-muted">{result.errorSummary}</span>
        )}
      </p>
      <p className="ml-auto text-xs text-muted">{result.durationMs} ms</p>
    </div>
  );
}

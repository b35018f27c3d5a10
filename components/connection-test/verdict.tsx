import { TestStatusBadge } from "@/components/connection-test/test-status-badge";
import { STEP_TITLES, type StepEvent, type StepId, type TestResult } from "@/lib/connection-test/types";
const words = {
  SUCCESS: "AWS accepts these credentials and everything Conduit needs is allowed.",
  PARTIAL: "The connector works, but some actions Conduit uses are not allowed.",
  FAILURE: "The connector does not work yet.",
} as const;
/** A success whose permission check did not run claims only what was checked. */
const UNCHECKED_SUCCESS = "AWS accepts these credentials; the permissions Conduit needs were not checked.";

/** Each step's last event (a run streams `running`, then the outcome). */
export function stepOutcomes(steps: StepEvent[]): Map<StepId, StepEvent> {
  const last = new Map<StepId, StepEvent>();
  for (const s of steps) last.set(s.step as StepId, s);
  return last;
}

/** What the verdict may claim: the checks that passed, and those that did not run (with why). */
export function verdictParts(result: TestResult) {
  const outcomes = [...stepOutcomes(result.steps).values()];
  const permissions = outcomes.find((s) => s.step === "permissions");
  const headline =
    result.status === "SUCCESS" && permissions?.status !== "passed" ? UNCHECKED_SUCCESS : words[result.status];
  const title = (s: StepEvent) => STEP_TITLES[s.step as StepId] ?? s.title;
  return {
    headline,
    verified: outcomes.filter((s) => s.status === "passed").map(title),
    notVerified: outcomes
      .filter((s) => s.status === "skipped" || s.status === "pending")
      .map((s) => (s.detail ? `${title(s)}: ${s.detail}` : title(s))),
  };
}

export function Verdict({ result }: { result: TestResult }) {
  const identity =
    result.steps.find((s) => s.step === "roleIdentity" && s.status === "passed") ??
    result.steps.find((s) => s.step === "identity" && s.status === "passed");
  const account = identity?.data?.account as string | undefined;
  const { headline, verified, notVerified } = verdictParts(result);
  return (
    <div
      role="status"
      aria-label="Test verdict"
      className="flex flex-wrap items-center gap-3 rounded-md border border-border bg-surface-2 p-3"
    >
      <TestStatusBadge status={result.status} />
      <div className="min-w-0 flex-1 basis-60 text-sm [overflow-wrap:anywhere]">
        <p>
          {headline}
          {account && (
            <>
              {" "}
              Account <span className="font-mono">{account}</span>.
            </>
          )}
        </p>
        {result.errorSummary && result.status !== "SUCCESS" && <p className="text-muted">{result.errorSummary}</p>}
        {verified.length > 0 && <p className="text-muted">Verified: {verified.join(" · ")}</p>}
        {notVerified.length > 0 && <p className="text-muted">Not verified: {notVerified.join(" · ")}</p>}
        {result.notSaved && <p className="text-muted">{result.notSaved}</p>}
      </div>
      <p className="ml-auto text-xs text-muted">{result.durationMs} ms</p>
    </div>
  );
}

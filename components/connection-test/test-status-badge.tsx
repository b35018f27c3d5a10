import { Badge, Time } from "@/components/ui/misc";
import type { TestStatus } from "@/lib/connectors/dto";

const LOOK: Record<TestStatus, { tone: "success" | "danger" | "warning" | "neutral"; label: string; dot: string }> = {
  SUCCESS: { tone: "success", label: "Success", dot: "bg-success" },
  FAILURE: { tone: "danger", label: "Failure", dot: "bg-danger" },
  PARTIAL: { tone: "warning", label: "Partial", dot: "bg-warning" },
  UNKNOWN: { tone: "neutral", label: "Not tested", dot: "bg-muted" },
};

/** The last connection test result; the colour is backed by the word so it never relies on hue. */
export function TestStatusBadge({ status }: { status: TestStatus }) {
  const look = LOOK[status];
  return (
    <Badge tone={look.tone} className="whitespace-nowrap">
      <span aria-hidden className={`size-1.5 rounded-full ${look.dot}`} />
      <span className="sr-only">Last test: </span>
      {look.label}
    </Badge>
  );
}

/** Badge plus when it happened ("never" when no test has run). */
export function TestStatusWithTime({ status, testedAt }: { status: TestStatus; testedAt: string | null }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5">
      <TestStatusBadge status={status} />
      {/* "Not tested" already says there is no time to show. */}
      {testedAt ? (
        <span className="whitespace-nowrap text-xs text-muted">
          <Time iso={testedAt} />
        </span>
      ) : (
        status !== "UNKNOWN" && <span className="text-xs text-muted">never</span>
      )}
    </span>
  );
}

/** What the periodic checks found: "Passing", "Failing since …", or why there is nothing yet. */
export function HealthBadge({
  health,
  nextCheckAt,
}: {
  health: { status: "passing" | "failing"; since: string } | null;
  nextCheckAt: string | null;
}) {
  if (health?.status === "failing")
    return (
      <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <Badge tone="danger">Failing</Badge>
        <span className="text-xs text-muted">
          since <Time iso={health.since} />
        </span>
      </span>
    );
  if (health?.status === "passing")
    return (
      <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5" title={`Passing since ${health.since}`}>
        <Badge tone="success">Passing</Badge>
      </span>
    );
  return <span className="text-xs text-muted">{nextCheckAt ? "Not checked yet" : "Checks off"}</span>;
}

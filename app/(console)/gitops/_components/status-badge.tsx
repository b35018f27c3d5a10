import { Badge, Time } from "@/components/ui/misc";
import type { ConnectionStatus } from "@/lib/gitops/schemas";

const LOOK: Record<ConnectionStatus, { tone: "success" | "danger" | "neutral"; label: string; dot: string }> = {
  Successful: { tone: "success", label: "Successful", dot: "bg-success" },
  Failed: { tone: "danger", label: "Failed", dot: "bg-danger" },
  Unknown: { tone: "neutral", label: "Unknown", dot: "bg-muted" },
};

/** The connection status of a GitOps cluster; the word carries the meaning, not the colour. */
export function ConnectionStatusBadge({ status, testedAt }: { status: ConnectionStatus; testedAt?: string | null }) {
  const look = LOOK[status];
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-0.5">
      <Badge tone={look.tone} className="whitespace-nowrap">
        <span aria-hidden className={`size-1.5 rounded-full ${look.dot}`} />
        <span className="sr-only">Connection: </span>
        {look.label}
      </Badge>
      {testedAt && (
        <span className="whitespace-nowrap text-xs text-muted">
          <Time iso={testedAt} />
        </span>
      )}
    </span>
  );
}

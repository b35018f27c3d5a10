import { Badge } from "@/components/ui/misc";
import { PARTITION_LABELS, partitionOf, regionLabel } from "@/lib/aws/partitions";
import type { ConnectorDto } from "@/lib/connectors/dto";

/** "Account", "Org payments", "Project checkout (org payments)". */
export function connectorScopeLabel(dto: Pick<ConnectorDto, "scope" | "connector">): string {
  const { orgIdentifier: org, projectIdentifier: project } = dto.connector;
  if (dto.scope === "project") return `Project ${project} (org ${org})`;
  if (dto.scope === "org") return `Org ${org}`;
  return "Account";
}

/** Region code with its name, and a marker when it is outside the commercial partition. */
export function RegionText({ region, compact }: { region: string; compact?: boolean }) {
  const partition = partitionOf(region);
  return (
    <span className="inline-flex flex-col gap-0.5">
      <span className="inline-flex flex-wrap items-center gap-1.5">
        <span className="whitespace-nowrap font-mono text-xs">{region}</span>
        {partition !== "aws" && (
          <Badge tone="warning" className="px-1.5 py-0 text-[11px]">
            {PARTITION_LABELS[partition]}
          </Badge>
        )}
      </span>
      {!compact && <span className="text-xs text-muted">{regionLabel(region)}</span>}
    </span>
  );
}

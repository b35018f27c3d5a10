// Every AWS region Conduit knows, grouped by partition, as <option>s for a region <Select>: the
// one list the connector wizard, the infrastructure form and the GitOps cluster form share, so
// they order and name regions the same way.
import { PARTITIONS, REGIONS, type Partition } from "@/lib/aws/partitions";

export const REGION_GROUP_LABELS: Record<Partition, string> = {
  aws: "Commercial",
  "aws-us-gov": "AWS GovCloud (US)",
  "aws-cn": "China",
};

export function RegionOptions() {
  return PARTITIONS.map((p) => (
    <optgroup key={p} label={REGION_GROUP_LABELS[p]}>
      {REGIONS.filter((r) => r.partition === p).map((r) => (
        <option key={r.code} value={r.code}>
          {r.label} — {r.code}
        </option>
      ))}
    </optgroup>
  ));
}

// The infrastructure definition's `cluster` value: `region/cluster` when picked from an
// all-region list, the bare cluster name otherwise. Pure: the form and the server agree.
import { partitionOf, type Partition } from "@/lib/aws/partitions";

export interface ClusterTarget {
  region: string;
  name: string;
}

/** EKS's own rule for cluster names. */
export const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export type ClusterValueResult = { ok: true; target: ClusterTarget } | { ok: false; message: string };

/**
 * `fallbackRegion` is used for a bare name (the definition's region, else the connector's
 * default region). A `region/` prefix must stay inside the connector's partition.
 */
export function parseClusterValue(value: string, fallbackRegion: string, partition?: Partition): ClusterValueResult {
  const v = value.trim();
  const slash = v.indexOf("/");
  const region = slash < 0 ? fallbackRegion : v.slice(0, slash);
  const name = slash < 0 ? v : v.slice(slash + 1);
  if (!REGION.test(region)) return { ok: false, message: `"${region}" is not an AWS region code` };
  if (!CLUSTER_NAME.test(name)) {
    return {
      ok: false,
      message: "A cluster name has 1-100 letters, digits, hyphens and underscores and starts with a letter or digit",
    };
  }
  if (partition && partitionOf(region) !== partition) {
    return { ok: false, message: `Region ${region} is not in the connector's partition (${partition})` };
  }
  return { ok: true, target: { region, name } };
}

export const formatClusterValue = (t: ClusterTarget, withRegion: boolean) =>
  withRegion ? `${t.region}/${t.name}` : t.name;

// Query and response shapes of the connector-level lookups (regions, clusters), shared by the
// route handlers and the hooks. A region must also be in the connector's partition; the server
// checks that once it knows the connector.
import { z } from "zod";
import { REGION_CODES, type Partition } from "@/lib/aws/partitions";

const connectorRef = z.string().trim().min(1, "Choose a connector").max(140);

export const regionLookupQuerySchema = z.object({
  connectorRef,
  org: z.string().optional(),
  project: z.string().optional(),
});

export const clusterListQuerySchema = z.object({
  connectorRef,
  /** Empty or absent: every enabled region of the connector's partition. */
  region: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(REGION_CODES, { error: "Not a known AWS region" }).optional(),
  ),
  /** "1": ask AWS again instead of answering from the server's short-lived copy (the Refresh button). */
  refresh: z.enum(["1"], { error: "refresh takes 1 or nothing" }).optional(),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type ClusterListQuery = z.infer<typeof clusterListQuerySchema>;

export interface RegionListing {
  partition: Partition;
  regions: Array<{ name: string; label: string }>;
}

export interface RegionError {
  region: string;
  code: string;
  message: string;
}

export interface ClusterListing {
  /** `value` is `region/cluster` when listed across regions, the bare name when a region was given. */
  clusters: Array<{ value: string; name: string; region: string }>;
  regionErrors: RegionError[];
  regionsSearched: number;
}

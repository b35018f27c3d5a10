// What the connector API returns. The spec carries secret references only, never values.
import { z } from "zod";
import type { ConduitExtension, ConnectorInput } from "./schemas";

export const TEST_STATUSES = ["SUCCESS", "FAILURE", "PARTIAL", "UNKNOWN"] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

export interface ConnectorDto {
  connector: Omit<ConnectorInput, "orgIdentifier" | "projectIdentifier" | "type" | "conduit"> & {
    orgIdentifier: string | null;
    projectIdentifier: string | null;
    type: "Aws";
    /** Conduit's own fields: the uses (`[]` when none were chosen), its own check interval if set. */
    conduit: ConduitExtension;
  };
  scope: "account" | "org" | "project";
  version: number;
  createdAt: string;
  updatedAt: string;
  lastTestStatus: TestStatus;
  lastTestedAt: string | null;
  /** What the periodic checks found: passing or failing since when; null before the first. */
  health: { status: "passing" | "failing"; since: string } | null;
  /** When the next periodic check is due; null when checks are off for it. */
  nextCheckAt: string | null;
}

export const connectorSortFields = ["name", "identifier", "createdAt", "updatedAt", "lastTestedAt"] as const;

export const connectorListQuerySchema = z.object({
  q: z.string().max(128).optional(),
  credentialType: z.enum(["ManualConfig", "InheritFromDelegate", "Irsa", "OidcAuthentication"]).optional(),
  lastTestStatus: z.enum(TEST_STATUSES).optional(),
  sort: z.enum(connectorSortFields).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type ConnectorListQuery = z.infer<typeof connectorListQuerySchema>;

export const connectorParamsSchema = z.object({ identifier: z.string().min(1).max(128) });
export interface ConnectorPage {
  items: ConnectorDto[];
  nextCursor: string | null;
}

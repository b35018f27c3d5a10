// What the infrastructure definition API returns and the query shapes it accepts.
import { z } from "zod";
import { identifierSchema } from "@/lib/common/schemas";
import type { EnvironmentType } from "@/lib/environments/schemas";
import { DEPLOYMENT_TYPES, type InfrastructureInput } from "./schemas";

export interface InfrastructureDto {
  infrastructureDefinition: Omit<InfrastructureInput, "orgIdentifier" | "projectIdentifier"> & {
    orgIdentifier: string;
    projectIdentifier: string;
  };
  environment: { identifier: string; name: string; type: EnvironmentType };
  /** The connector a fixed connectorRef points at (null for a runtime input or expression). */
  connector: { identifier: string; name: string; scope: "account" | "org" | "project" } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface InfrastructurePage {
  items: InfrastructureDto[];
  nextCursor: string | null;
}

export const infrastructureListQuerySchema = z.object({
  environment: identifierSchema.optional(),
  q: z.string().max(128).optional(),
  deploymentType: z.enum(DEPLOYMENT_TYPES).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type InfrastructureListQuery = z.infer<typeof infrastructureListQuerySchema>;

export const infrastructureParamsSchema = z.object({ identifier: z.string().min(1).max(128) });

/** A definition's identifier is unique within its environment, so item routes name both. */
export const infrastructureItemQuerySchema = z.object({
  environment: z.string({ error: "Pass ?environment=<environment identifier>" }).pipe(identifierSchema),
  format: z.enum(["json", "yaml"]).default("json"),
  org: z.string().optional(),
  project: z.string().optional(),
});

/** Values for the runtime inputs, keyed by field path (`spec.namespace`, `allowSimultaneousDeployments`). */
export const resolveRequestSchema = z.strictObject({
  inputs: z.record(z.string().max(128), z.string().max(4096)).default({}),
});
export type ResolveRequest = z.infer<typeof resolveRequestSchema>;

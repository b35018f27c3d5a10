// Environments (project scope): the contract shared by the form (zodResolver) and the API.
import { z } from "zod";
import { versionSchema, resourceFields } from "@/lib/common/schemas";

export const ENVIRONMENT_TYPES = ["Production", "PreProduction"] as const;
export type EnvironmentType = (typeof ENVIRONMENT_TYPES)[number];
export const ENVIRONMENT_TYPE_LABELS: Record<EnvironmentType, string> = {
  Production: "Production",
  PreProduction: "Pre-production",
};

const environmentFields = {
  ...resourceFields,
  type: z.enum(ENVIRONMENT_TYPES, { error: "Choose Production or PreProduction" }),
};

export const environmentInputSchema = z.strictObject(environmentFields);
export const environmentUpdateSchema = z.strictObject({ ...environmentFields, version: versionSchema.optional() });

export type EnvironmentInput = z.infer<typeof environmentInputSchema>;
export type EnvironmentFormValues = z.input<typeof environmentInputSchema>;
export type EnvironmentUpdate = z.infer<typeof environmentUpdateSchema>;

export const environmentListQuerySchema = z.object({
  q: z.string().max(128).optional(),
  type: z.enum(ENVIRONMENT_TYPES).optional(),
  org: z.string().optional(),
  project: z.string().optional(),
});
export type EnvironmentListQuery = z.infer<typeof environmentListQuerySchema>;
export const environmentParamsSchema = z.object({ identifier: z.string().min(1).max(128) });

export interface EnvironmentDto {
  environment: Omit<EnvironmentInput, "orgIdentifier" | "projectIdentifier"> & {
    orgIdentifier: string;
    projectIdentifier: string;
  };
  version: number;
  /** How many infrastructure definitions the environment holds (it cannot be deleted while > 0). */
  infrastructureCount: number;
  createdAt: string;
  updatedAt: string;
}

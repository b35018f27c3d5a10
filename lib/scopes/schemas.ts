// Organizations and projects: the scope hierarchy under the configured account.
import { z } from "zod";
import { descriptionSchema, identifierSchema, nameSchema, versionSchema } from "@/lib/common/schemas";

export const organizationCreateSchema = z.strictObject({
  identifier: identifierSchema,
  name: nameSchema,
  description: descriptionSchema.default(""),
});
export const organizationUpdateSchema = z.strictObject({
  name: nameSchema,
  description: descriptionSchema.default(""),
  version: versionSchema.optional(),
});
export const projectCreateSchema = organizationCreateSchema;
export const projectUpdateSchema = organizationUpdateSchema;

export type OrganizationCreate = z.infer<typeof organizationCreateSchema>;
export type OrganizationUpdate = z.infer<typeof organizationUpdateSchema>;

export const orgParamsSchema = z.object({ org: identifierSchema });
export const projectParamsSchema = z.object({ org: identifierSchema, project: identifierSchema });

export interface OrganizationDto {
  identifier: string;
  name: string;
  description: string;
  version: number;
  projectCount: number;
  createdAt: string;
  updatedAt: string;
}
export interface ProjectDto {
  identifier: string;
  orgIdentifier: string;
  name: string;
  description: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

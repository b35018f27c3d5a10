// Text secrets: metadata is readable, the value is write-only.
import { z } from "zod";
import { descriptionSchema, identifierSchema, nameSchema, tagsSchema, versionSchema } from "@/lib/common/schemas";

export const SECRET_VALUE_MAX = 64 * 1024;
const secretValueSchema = z
  .string({ error: "Enter the secret value" })
  .min(1, "Enter the secret value")
  .max(SECRET_VALUE_MAX, "A secret value can be at most 64 KB");

export const secretCreateSchema = z.strictObject({
  identifier: identifierSchema,
  name: nameSchema,
  description: descriptionSchema.default(""),
  tags: tagsSchema.default({}),
  value: secretValueSchema,
});

/** Metadata changes; `value` present means "replace the value", absent means keep it. */
export const secretUpdateSchema = z.strictObject({
  name: nameSchema,
  description: descriptionSchema.default(""),
  tags: tagsSchema.default({}),
  value: secretValueSchema.optional(),
  version: versionSchema.optional(),
});

export const secretListQuerySchema = z.object({
  q: z.string().max(128).optional(),
  org: z.string().optional(),
  project: z.string().optional(),
  /** Also list the secrets of the enclosing scopes (org, account) a connector here may reference. */
  includeParents: z.enum(["true", "false"]).optional(),
});

export const secretParamsSchema = z.object({ identifier: identifierSchema });

export type SecretCreate = z.infer<typeof secretCreateSchema>;
export type SecretUpdate = z.infer<typeof secretUpdateSchema>;

export interface SecretDto {
  identifier: string;
  name: string;
  description: string;
  tags: Record<string, string>;
  orgIdentifier: string | null;
  projectIdentifier: string | null;
  scope: "account" | "org" | "project";
  /** How a connector in the current scope refers to it: `account.x`, `org.x` or `x`. */
  ref: string;
  valueConfigured: true;
  valueUpdatedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

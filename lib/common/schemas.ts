// Field shapes shared by every resource: identifiers, names, descriptions, tags, versions.
import { z } from "zod";

export const IDENTIFIER_PATTERN = /^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$/;

export const identifierSchema = z
  .string()
  .min(1, "Identifier is required")
  .max(128, "At most 128 characters")
  .regex(IDENTIFIER_PATTERN, "Start with a letter or _, then letters, digits, _ or $");

export const nameSchema = z.string().trim().min(1, "Name is required").max(128, "At most 128 characters");
export const descriptionSchema = z.string().max(1024, "At most 1024 characters");

const tagKeySchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\s]+$/, "Tag keys cannot contain spaces");
export const tagsSchema = z
  .record(tagKeySchema, z.string().max(256))
  .refine((t) => Object.keys(t).length <= 50, "At most 50 tags");

export const versionSchema = z.number().int().min(1);

/** The fields every scoped resource's body starts with (Harness shape); scope fields must match the URL. */
export const resourceFields = {
  name: nameSchema,
  identifier: identifierSchema,
  description: descriptionSchema.default(""),
  tags: tagsSchema.default({}),
  orgIdentifier: identifierSchema.optional(),
  projectIdentifier: identifierSchema.optional(),
};

/** Derives an identifier from a display name the way users expect: "My AWS (prod)" → "My_AWS_prod". */
export function deriveIdentifier(name: string): string {
  let id = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .replace(/[^0-9a-zA-Z_$]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/_+/g, "_");
  if (/^[0-9$]/.test(id)) id = `_${id}`;
  return id.slice(0, 128);
}

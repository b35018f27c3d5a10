// Field shapes shared by every resource: identifiers, names, descriptions, tags, versions.
import { z } from "zod";
import { isCleanText, UNCLEAN_TEXT_MESSAGE } from "./text";

export const IDENTIFIER_PATTERN = /^[a-zA-Z_][0-9a-zA-Z_$]{0,127}$/;

export const identifierSchema = z
  .string()
  .min(1, "Identifier is required")
  .max(128, "At most 128 characters")
  .regex(IDENTIFIER_PATTERN, "Start with a letter or _, then letters, digits, _ or $");

/** A string with no control character and no lone surrogate (lib/common/text.ts). */
export const textSchema = () => z.string().refine(isCleanText, UNCLEAN_TEXT_MESSAGE);

export const nameSchema = textSchema().trim().min(1, "Name is required").max(128, "At most 128 characters");
export const descriptionSchema = textSchema().max(1024, "At most 1024 characters");

const tagKeySchema = textSchema()
  .min(1)
  .max(128)
  .regex(/^[^\s]+$/, "Tag keys cannot contain spaces");
export const tagsSchema = z
  .record(tagKeySchema, textSchema().max(256))
  .refine((t) => Object.keys(t).length <= 50, "At most 50 tags");

/** Versions are int4 columns (lib/http/version.ts MAX_VERSION): a larger one matches nothing. */
export const versionSchema = z.number().int().min(1).max(2_147_483_647, "Not a version (at most 2147483647)");

/** The fields every scoped resource's body starts with (Harness shape); scope fields must match the URL. */
export const resourceFields = {
  name: nameSchema,
  identifier: identifierSchema,
  description: descriptionSchema.default(""),
  tags: tagsSchema.default({}),
  orgIdentifier: identifierSchema.optional(),
  projectIdentifier: identifierSchema.optional(),
};

// Lives in a zod-free module so the browser can derive identifiers without loading zod.
export { deriveIdentifier } from "./identifier";

// zod schemas for multi-type fields, shared by forms (zodResolver) and routes. Messages name the
// problem in the user's terms and land on the field's own path.
import { z } from "zod";
import { kindOf, parseFieldValue } from "./parse";

const KIND_LABEL = { runtime: "Runtime input", expression: "Expression" } as const;

type Ctx = z.core.$RefinementCtx<unknown>;

function copyIssues(ctx: Ctx, issues: readonly z.core.$ZodIssue[], prefix = "") {
  for (const issue of issues)
    ctx.addIssue({ code: "custom", message: `${prefix}${issue.message}`, path: [...issue.path] });
}

/**
 * A runtime input (grammar-checked; its default and allowed values must also pass `fixed`
 * unless they are expressions), an expression (balanced <+ >), or a fixed value checked by
 * `fixed` (whose output, e.g. a trimmed string, is kept).
 */
export function multiType(fixed: z.ZodType<string>): z.ZodType<string> {
  return z
    .string({ error: (iss) => (iss.input === undefined ? "This field is required" : "Enter text") })
    .transform((text, ctx) => {
      const parsed = parseFieldValue(text);
      if (!parsed.ok) {
        ctx.addIssue({
          code: "custom",
          message: `${KIND_LABEL[kindOf(text) as keyof typeof KIND_LABEL]}: ${parsed.message}`,
        });
        return z.NEVER;
      }
      const v = parsed.value;
      if (v.kind === "fixed") {
        const r = fixed.safeParse(text);
        if (r.success) return r.data;
        copyIssues(ctx, r.error.issues);
        return z.NEVER;
      }
      if (v.kind === "runtime") {
        const checks: Array<[string, string]> = [];
        if (v.input.default !== undefined) checks.push([v.input.default, "Default"]);
        for (const a of v.input.allowedValues ?? []) checks.push([a, "Allowed value"]);
        for (const [value, label] of checks) {
          if (kindOf(value) !== "fixed") continue;
          const r = fixed.safeParse(value);
          if (!r.success) {
            copyIssues(ctx, r.error.issues, `${label} "${value}": `);
            return z.NEVER;
          }
        }
      }
      return text;
    });
}

const booleanText = multiType(
  z.string().refine((s) => s === "true" || s === "false", "Use true or false, a runtime input or an expression"),
);

/** true/false (also as the strings a form holds), or a runtime input / expression string. */
export function multiTypeBoolean(): z.ZodType<boolean | string> {
  return z
    .union([z.boolean(), z.string()], { error: "Use true or false, a runtime input or an expression" })
    .transform((v, ctx) => {
      if (typeof v === "boolean") return v;
      const r = booleanText.safeParse(v);
      if (!r.success) {
        copyIssues(ctx, r.error.issues);
        return z.NEVER;
      }
      return r.data === "true" ? true : r.data === "false" ? false : r.data;
    });
}

// The value kinds of a Harness-style multi-type field. A stored field is always a string; these
// are its parsed forms (lib/runtime-input/parse.ts reads them, format.ts writes them back).

/** `<+input>` with its options: a value asked for when a pipeline runs. */
export interface RuntimeInput {
  default?: string;
  /** At least one value, no duplicates; never together with `regex`. */
  allowedValues?: string[];
  /** RE2 syntax (no backreferences or lookaround); a provided value must match it as a whole. */
  regex?: string;
  /** Asked for during the execution (`.executionInput()`), not only when it starts. */
  executionInput: boolean;
}

export type FieldValue =
  | { kind: "fixed"; value: string }
  | { kind: "runtime"; input: RuntimeInput }
  /** The whole text, e.g. `<+pipeline.variables.ns>` or `release-<+INFRA_KEY_SHORT_ID>`. */
  | { kind: "expression"; expression: string };

export type FieldKind = FieldValue["kind"];

/** `index` is the 0-based character position the message points at (text.length at the end). */
export type ParseResult = { ok: true; value: FieldValue } | { ok: false; message: string; index: number };

export const RUNTIME_METHODS = ["default", "allowedValues", "regex", "executionInput"] as const;
export type RuntimeMethod = (typeof RUNTIME_METHODS)[number];

/** The two characters `\'` that quote a value holding commas, parentheses or outer spaces. */
export const QUOTE = "\\'";
export const INPUT_TOKEN = "<+input";

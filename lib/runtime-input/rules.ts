// Rules a runtime input must satisfy whatever its text looks like. parse.ts reports them with a
// character index, format.ts refuses to write an input that breaks them, the editor shows them.
import type { RuntimeInput } from "./types";

export interface InputProblem {
  /** Which option the problem is in; `item` is the index inside allowedValues. */
  field: "default" | "allowedValues" | "regex";
  item?: number;
  message: string;
  /** More about it, e.g. the regex engine's reason. */
  detail?: string;
}

/** The engine's own reason without the pattern echo, e.g. "Unterminated group". */
function regexError(re: string): string | undefined {
  try {
    new RegExp(re);
    return undefined;
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return text.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, "");
  }
}

/** A regex's problem, if any; the message names it as "invalid regex: …". */
export function regexProblem(re: string): string | undefined {
  if (re === "") return "`.regex()` needs a pattern";
  const why = regexError(re);
  return why === undefined ? undefined : `invalid regex: ${why}`;
}

/** Whole-value match (like Java's `matches`, which Harness uses): `a` does not match `ab`. */
export function matchesWhole(re: string, value: string): boolean {
  return new RegExp(`^(?:${re})$`).test(value);
}

export function findInputProblem(input: RuntimeInput): InputProblem | undefined {
  const { allowedValues, regex } = input;
  if (allowedValues !== undefined && regex !== undefined) {
    return { field: "regex", message: "allowedValues and regex cannot be combined" };
  }
  if (allowedValues !== undefined) {
    if (allowedValues.length === 0)
      return { field: "allowedValues", message: "`.allowedValues()` needs at least one value" };
    const seen = new Set<string>();
    for (const [item, v] of allowedValues.entries()) {
      if (seen.has(v)) return { field: "allowedValues", item, message: `duplicate allowed value "${v}"` };
      seen.add(v);
    }
  }
  if (regex !== undefined) {
    if (regex === "") return { field: "regex", message: "`.regex()` needs a pattern" };
    const why = regexError(regex);
    if (why !== undefined) return { field: "regex", message: "invalid regex", detail: why };
  }
  if (input.default !== undefined) {
    if (allowedValues && !allowedValues.includes(input.default)) {
      return { field: "default", message: "default is not one of the allowed values" };
    }
    if (regex !== undefined && !matchesWhole(regex, input.default)) {
      return { field: "default", message: "default does not match the regex" };
    }
  }
  return undefined;
}

// Rules a runtime input must satisfy whatever its text looks like. parse.ts reports them with a
// character index, format.ts refuses to write an input that breaks them, the editor shows them.
// Patterns run on RE2 (re2js), in the browser and on the server alike: matching takes time linear
// in the value, so no pattern can stall the server (`(a+)+b` against "aaa…!" is as quick as any).
// RE2 has no backreferences or lookaround; such a pattern is refused when it is written.
import { RE2JS } from "re2js";
import type { RuntimeInput } from "./types";

/** Longest pattern accepted (compiling is linear in it too, but a pattern is not a document). */
export const MAX_REGEX_LENGTH = 256;

const compiled = new Map<string, RE2JS>();
function compile(re: string): RE2JS {
  let found = compiled.get(re);
  if (!found) {
    found = RE2JS.compile(re);
    if (compiled.size >= 256) compiled.delete(compiled.keys().next().value!);
    compiled.set(re, found);
  }
  return found;
}

const UNSUPPORTED = /\\[1-9]|\\k<|\(\?<?[=!]/;

export interface InputProblem {
  /** Which option the problem is in; `item` is the index inside allowedValues. */
  field: "default" | "allowedValues" | "regex";
  item?: number;
  message: string;
  /** More about it, e.g. the regex engine's reason. */
  detail?: string;
}

/** The engine's own reason, e.g. "missing closing ]: `[`", or why RE2 cannot run the pattern. */
function regexError(re: string): string | undefined {
  if (re.length > MAX_REGEX_LENGTH) return `at most ${MAX_REGEX_LENGTH} characters`;
  try {
    compile(re);
    return undefined;
  } catch (e) {
    const text = (e instanceof Error ? e.message : String(e)).replace(/^error parsing regexp: /, "");
    return UNSUPPORTED.test(re)
      ? `backreferences and lookaround are not supported (patterns run in linear time): ${text}`
      : text;
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
  return compile(re).matches(value);
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

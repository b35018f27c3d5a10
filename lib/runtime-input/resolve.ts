// Fills a runtime input with the value given when a pipeline runs (or its default) and checks it.
import { matchesWhole } from "./rules";
import type { RuntimeInput } from "./types";

export type ResolveResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * `provided` undefined or "" means "not given": the default fills it, otherwise it is missing.
 * A provided value is taken literally (an expression there is checked like any other text).
 */
export function resolveRuntimeInput(input: RuntimeInput, provided: string | undefined): ResolveResult {
  const given = provided !== undefined && provided !== "";
  if (!given && input.default === undefined)
    return { ok: false, message: "A value is required: this runtime input has no default" };
  const value = given ? provided : input.default!;
  if (input.allowedValues && !input.allowedValues.includes(value)) {
    return { ok: false, message: `"${value}" is not allowed; choose one of: ${input.allowedValues.join(", ")}` };
  }
  if (input.regex !== undefined && !matchesWhole(input.regex, value)) {
    return { ok: false, message: `"${value}" does not match the pattern ${input.regex}` };
  }
  return { ok: true, value };
}

// Plain words for a runtime input, for summaries and the field's caption.
import type { RuntimeInput } from "./types";

const list = (xs: readonly string[]) => xs.map((x) => (x === "" ? '""' : x)).join(", ");

/** e.g. "Asked for when the pipeline runs · one of dev, qa · default dev". */
export function describeRuntimeInput(input: RuntimeInput): string {
  const parts = [input.executionInput ? "Asked for during the execution" : "Asked for when the pipeline runs"];
  if (input.allowedValues) parts.push(`one of ${list(input.allowedValues)}`);
  if (input.regex !== undefined) parts.push(`must match ${input.regex}`);
  if (input.default !== undefined) parts.push(input.default === "" ? "default empty" : `default ${input.default}`);
  return parts.join(" · ");
}

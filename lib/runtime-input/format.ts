// Writes a FieldValue back as its canonical string:
//   <+input>.default(v).allowedValues(a,b) | .regex(re) .executionInput()   (this order)
// Values are bare when that reads back the same, otherwise quoted as \'…\'.
import { kindOf, parseFieldValue, scanPattern } from "./parse";
import { findInputProblem } from "./rules";
import { QUOTE, type FieldValue, type RuntimeInput } from "./types";

const UNQUOTABLE =
  "cannot be written: it holds \\' and also needs quoting (commas, parentheses, outer spaces or empty)";

function bareValueOk(v: string): boolean {
  return v !== "" && v === v.trim() && !/[,()]/.test(v) && !v.startsWith(QUOTE);
}

function barePatternOk(re: string): boolean {
  return re !== "" && re === re.trim() && !re.startsWith(QUOTE) && scanPattern(`${re})`, 0) === re.length;
}

function writeValue(v: string, pattern = false): string | undefined {
  if (pattern ? barePatternOk(v) : bareValueOk(v)) return v;
  return v.includes(QUOTE) ? undefined : `${QUOTE}${v}${QUOTE}`;
}

/** Why this input cannot be written (a rule parse would enforce, or an unquotable value). */
export function runtimeInputProblem(input: RuntimeInput): string | undefined {
  const problem = findInputProblem(input);
  if (problem) return problem.detail ? `${problem.message}: ${problem.detail}` : problem.message;
  if (input.default !== undefined && writeValue(input.default) === undefined) return `the default ${UNQUOTABLE}`;
  const bad = input.allowedValues?.find((v) => writeValue(v) === undefined);
  if (bad !== undefined) return `allowed value "${bad}" ${UNQUOTABLE}`;
  if (input.regex !== undefined && writeValue(input.regex, true) === undefined) return `the regex ${UNQUOTABLE}`;
  return undefined;
}

/** Why this value cannot be written; undefined when formatFieldValue will succeed. */
export function fieldValueProblem(v: FieldValue): string | undefined {
  switch (v.kind) {
    case "fixed":
      return v.value.includes("<+") ? "a fixed value cannot contain <+ (that makes it an expression)" : undefined;
    case "expression": {
      if (kindOf(v.expression) !== "expression") return "an expression needs <+…>, and <+input> is a runtime input";
      const r = parseFieldValue(v.expression);
      return r.ok ? undefined : r.message;
    }
    case "runtime":
      return runtimeInputProblem(v.input);
  }
}

export function formatRuntimeInput(input: RuntimeInput): string {
  const problem = runtimeInputProblem(input);
  if (problem) throw new RangeError(problem);
  let out = "<+input>";
  if (input.default !== undefined) out += `.default(${writeValue(input.default)})`;
  if (input.allowedValues) out += `.allowedValues(${input.allowedValues.map((v) => writeValue(v)).join(",")})`;
  if (input.regex !== undefined) out += `.regex(${writeValue(input.regex, true)})`;
  if (input.executionInput) out += ".executionInput()";
  return out;
}

/** The canonical string; throws RangeError (with fieldValueProblem's message) if it has none. */
export function formatFieldValue(v: FieldValue): string {
  if (v.kind === "runtime") return formatRuntimeInput(v.input);
  const problem = fieldValueProblem(v);
  if (problem) throw new RangeError(problem);
  return v.kind === "fixed" ? v.value : v.expression;
}

// Reads a field's string form. Grammar (see docs/architecture.md, "Runtime inputs"):
//   runtime    := "<+input>" method*          (the whole value; methods in any order, each once)
//   method     := ".default(" value ")" | ".allowedValues(" value ("," value)* ")"
//               | ".regex(" pattern ")" | ".executionInput()"
//   value      := "\'" any text without "\'" "\'"  |  bare text without , ( ) (outer spaces dropped)
//   pattern    := "\'" … "\'"  |  text up to the ")" that balances the "(" (escapes and [...] skipped)
//   expression := any text holding at least one balanced "<+" … ">" (nesting allowed, quotes
//                 inside are skipped), e.g. "<+env.name>-<+service.name>" or "release-<+x>"
//   fixed      := any text without "<+"
import { findInputProblem } from "./rules";
import {
  INPUT_TOKEN,
  QUOTE,
  RUNTIME_METHODS,
  type FieldKind,
  type ParseResult,
  type RuntimeInput,
  type RuntimeMethod,
} from "./types";

class ParseError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}
/** "<what> at <index>[; <hint>]" (": <reason>" for the regex engine's reason): the index sits right after what it points at. */
function fail(what: string, index: number, hint?: string, separator = "; "): never {
  throw new ParseError(`${what} at ${index}${hint ? `${separator}${hint}` : ""}`, index);
}
const METHODS_HINT = "expected .default, .allowedValues, .regex or .executionInput";

const IDENT = /[A-Za-z0-9_]/;
const SPACE = /\s/;

/** `<+input` as a token: `<+inputs.x>` is an expression, `<+input>` / `<+input.x` a runtime input. */
function runtimeTokenAt(text: string, i: number): boolean {
  return text.startsWith(INPUT_TOKEN, i) && !IDENT.test(text.charAt(i + INPUT_TOKEN.length));
}

/** "<+input…" is a runtime input, any other text with "<+" an expression, anything else fixed. */
export function kindOf(text: string): FieldKind {
  if (runtimeTokenAt(text, 0)) return "runtime";
  return text.includes("<+") ? "expression" : "fixed";
}

export function parseFieldValue(text: string): ParseResult {
  try {
    const kind = kindOf(text);
    if (kind === "fixed") return { ok: true, value: { kind, value: text } };
    if (kind === "expression") {
      checkExpression(text);
      return { ok: true, value: { kind, expression: text } };
    }
    return { ok: true, value: { kind, input: parseRuntime(text) } };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, message: e.message, index: e.index };
    throw e;
  }
}

function checkExpression(text: string): void {
  const open: number[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote.char) quote = undefined;
      continue;
    }
    if (text.startsWith("<+", i)) {
      if (runtimeTokenAt(text, i)) fail("<+input inside other text", i, "a runtime input must be the whole value");
      let j = i + 2;
      while (SPACE.test(text.charAt(j))) j++;
      if (text.charAt(j) === ">") fail("empty expression <+>", i);
      open.push(i);
      i++;
    } else if (open.length > 0) {
      if (c === '"' || c === "'") quote = { char: c, at: i };
      else if (c === ">") open.pop();
    }
  }
  if (quote) fail(`unbalanced quote: ${quote.char} opened`, quote.at, `close it with ${quote.char}`);
  if (open.length > 0) fail("<+ opened", open[open.length - 1]!, "close it with >");
}

function parseRuntime(text: string): RuntimeInput {
  let i = INPUT_TOKEN.length;
  if (text.charAt(i) !== ">") fail("expected > after <+input", i);
  i++;
  const input: RuntimeInput = { executionInput: false };
  const at: Partial<Record<RuntimeMethod, number>> = {};
  let defaultAt = 0;
  let regexAt = 0;
  let allowedAt: number[] = [];
  while (i < text.length) {
    if (text.charAt(i) !== ".") fail(`unexpected "${text.charAt(i)}"`, i, METHODS_HINT);
    const dot = i;
    let j = i + 1;
    while (IDENT.test(text.charAt(j))) j++;
    const name = text.slice(i + 1, j);
    if (!(RUNTIME_METHODS as readonly string[]).includes(name)) {
      fail(name ? `unknown method .${name}` : "missing method name", name ? dot : j, METHODS_HINT);
    }
    const method = name as RuntimeMethod;
    if (at[method] !== undefined) fail(`.${method}() is given twice`, dot);
    if (
      (method === "regex" && at.allowedValues !== undefined) ||
      (method === "allowedValues" && at.regex !== undefined)
    ) {
      fail("allowedValues and regex cannot be combined", dot);
    }
    at[method] = dot;
    if (text.charAt(j) !== "(") fail(`expected ( after .${method}`, j);
    j++;
    if (method === "executionInput") {
      if (text.charAt(j) !== ")") fail("`.executionInput()` takes no value", j);
      input.executionInput = true;
      i = j + 1;
    } else if (method === "regex") {
      const r = readPattern(text, j, dot);
      input.regex = r.value;
      regexAt = r.start;
      i = r.end;
    } else {
      const list = readValues(text, j, dot, method);
      if (method === "default") {
        if (list.values.length === 0) fail("`.default()` needs a value", j, "write \\'\\' for an empty one");
        if (list.values.length > 1)
          fail("second value in `.default()`", list.starts[1]!, "it takes one; quote a value with commas as \\'a,b\\'");
        input.default = list.values[0]!;
        defaultAt = list.starts[0]!;
      } else {
        if (list.values.length === 0) fail("`.allowedValues()` needs at least one value", j);
        input.allowedValues = list.values;
        allowedAt = list.starts;
      }
      i = list.end;
    }
  }
  const problem = findInputProblem(input);
  if (problem) {
    const index =
      problem.field === "default"
        ? defaultAt
        : problem.field === "regex"
          ? regexAt
          : (allowedAt[problem.item ?? 0] ?? at.allowedValues!);
    fail(problem.message, index, problem.detail, ": ");
  }
  return input;
}

/** A `\'…\'` value starting at i: its text and the index after the closing quote. */
function readQuoted(text: string, i: number): { value: string; end: number } {
  const close = text.indexOf(QUOTE, i + QUOTE.length);
  if (close < 0) fail("unbalanced quote: \\' opened", i, "close it with \\'");
  return { value: text.slice(i + QUOTE.length, close), end: close + QUOTE.length };
}

function skipSpace(text: string, i: number): number {
  while (SPACE.test(text.charAt(i))) i++;
  return i;
}

/** Comma-separated values from just after "(" up to and including ")". */
function readValues(
  text: string,
  i: number,
  dot: number,
  method: string,
): { values: string[]; starts: number[]; end: number } {
  const values: string[] = [];
  const starts: number[] = [];
  for (;;) {
    i = skipSpace(text, i);
    const start = i;
    let value: string;
    if (text.startsWith(QUOTE, i)) {
      const q = readQuoted(text, i);
      value = q.value;
      i = skipSpace(text, q.end);
    } else {
      while (i < text.length && !",()".includes(text.charAt(i))) i++;
      if (text.charAt(i) === "(")
        fail(`unquoted "${text.charAt(i)}"`, i, "quote a value with parentheses as \\'a(b)\\'");
      value = text.slice(start, i).trimEnd();
      if (value === "") {
        if (text.charAt(i) === ")" && values.length === 0) return { values, starts, end: i + 1 };
        if (i < text.length) fail("empty value", start, "write \\'\\' for an empty one");
      }
    }
    if (i >= text.length) fail(`.${method}( never closed`, dot, "expected )");
    values.push(value);
    starts.push(start);
    const c = text.charAt(i);
    if (c === ")") return { values, starts, end: i + 1 };
    if (c !== ",") fail(`expected , or ) after a quoted value`, i);
    i++;
  }
}

/**
 * The end (index of the closing ")") of a bare regex starting at i, or -1 if none: parentheses
 * balance, while escapes and character classes are skipped.
 */
export function scanPattern(text: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let k = i; k < text.length; k++) {
    const c = text.charAt(k);
    if (c === "\\") k++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) return k;
      depth--;
    }
  }
  return -1;
}

function readPattern(text: string, i: number, dot: number): { value: string; start: number; end: number } {
  i = skipSpace(text, i);
  const start = i;
  if (text.startsWith(QUOTE, i)) {
    const q = readQuoted(text, i);
    const k = skipSpace(text, q.end);
    if (k >= text.length) fail(".regex( never closed", dot, "expected )");
    if (text.charAt(k) !== ")") fail("expected ) after the quoted regex", k);
    return { value: q.value, start, end: k + 1 };
  }
  const close = scanPattern(text, i);
  if (close < 0) fail(".regex( never closed", dot, "expected )");
  return { value: text.slice(i, close).trimEnd(), start, end: close + 1 };
}

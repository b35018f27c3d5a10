// Property tests: the string form and the parsed form convert both ways without loss.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fieldValueProblem,
  formatFieldValue,
  kindOf,
  matchesWhole,
  regexProblem,
  parseFieldValue,
  runtimeInputProblem,
  type FieldValue,
  type RuntimeInput,
} from "./index";

const RUNS = { numRuns: 500 };
const Q = "\\'";

/** Text full of the grammar's special characters (quotes, commas, parentheses, spaces, <+ >). */
const trickyText = fc.string({
  unit: fc.constantFrom("a", "Z", "0", "-", ".", ",", "(", ")", " ", "\\", "'", "<", "+", ">", "é", "\n", "$"),
  maxLength: 10,
});
const text = fc.oneof(trickyText, fc.string({ maxLength: 10 }));

const regexSource = fc.oneof(
  fc.constantFrom(
    "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
    "(dev|qa)-[0-9]{1,3}",
    "a\\)b",
    "[)(,]+",
    " x ",
    "a,b",
    "\\d+",
    "(?:x|y)*",
    "[\\]]",
  ),
  fc
    .string({ unit: fc.constantFrom("a", "b", "(", ")", "[", "]", "|", "*", "\\", ",", " ", "'"), maxLength: 8 })
    // Patterns the engine (RE2) accepts.
    .filter((s) => s !== "" && regexProblem(s) === undefined),
);

/** Strings the regex matches whole (none when fast-check cannot read the regex). */
function matching(re: string): fc.Arbitrary<string | undefined> {
  try {
    return fc.stringMatching(new RegExp(`^(?:${re})$`), { maxLength: 8 });
  } catch {
    return text.map((s) => (matchesWhole(re, s) ? s : undefined));
  }
}

const runtimeInput: fc.Arbitrary<RuntimeInput> = fc
  .record({
    restriction: fc.oneof(
      fc.constant({ kind: "none" as const }),
      fc.uniqueArray(text, { minLength: 1, maxLength: 5 }).map((values) => ({ kind: "allowed" as const, values })),
      regexSource.map((re) => ({ kind: "regex" as const, re })),
    ),
    executionInput: fc.boolean(),
  })
  .chain(({ restriction, executionInput }) => {
    const def =
      restriction.kind === "allowed"
        ? fc.constantFrom(...restriction.values)
        : restriction.kind === "regex"
          ? matching(restriction.re)
          : text;
    return fc.option(def, { nil: undefined }).map((d) => {
      const input: RuntimeInput = { executionInput };
      if (d !== undefined) input.default = d;
      if (restriction.kind === "allowed") input.allowedValues = restriction.values;
      if (restriction.kind === "regex") input.regex = restriction.re;
      return input;
    });
  });

const ident = fc.constantFrom(
  "pipeline",
  "variables",
  "env",
  "name",
  "stage",
  "INFRA_KEY_SHORT_ID",
  "inputs",
  "input2",
  'get("x")',
);
const expressionBody: fc.Arbitrary<string> = fc.letrec<{ body: string }>((tie) => ({
  body: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.array(ident, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(".")),
    fc.tuple(ident, tie("body")).map(([a, b]) => `${a}.<+${b}>`),
    fc.tuple(ident, fc.constantFrom('"a>b"', "'x>'", '"q\\">"')).map(([a, s]) => `${a} == ${s}`),
  ),
})).body;
const outsideText = fc.string({ unit: fc.constantFrom("a", "-", "_", ".", " ", ">", "'", '"', ","), maxLength: 5 });
const expression = fc
  .array(fc.tuple(outsideText, expressionBody), { minLength: 1, maxLength: 3 })
  .chain((parts) => outsideText.map((tail) => parts.map(([t, b]) => `${t}<+${b}>`).join("") + tail));

const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  text.filter((s) => !s.includes("<+")).map((value) => ({ kind: "fixed" as const, value })),
  runtimeInput
    .filter((i) => runtimeInputProblem(i) === undefined)
    .map((input) => ({ kind: "runtime" as const, input })),
  expression.map((e) => ({ kind: "expression" as const, expression: e })),
);

/** Texts near the grammar: tokens glued together at random, often almost right. */
const grammarish = fc
  .array(
    fc.constantFrom(
      "<+input>",
      ".default(",
      ".allowedValues(",
      ".regex(",
      ".executionInput()",
      ")",
      "(",
      ",",
      Q,
      "a",
      "b,c",
      " ",
      "<+",
      ">",
      "x.y",
      "[",
      "]",
      "\\",
      "'",
      '"',
    ),
    { maxLength: 10 },
  )
  .map((xs) => xs.join(""));

describe("format and parse", () => {
  it("parse(format(v)) gives v back for every writable value", () => {
    fc.assert(
      fc.property(fieldValue, (v) => {
        const s = formatFieldValue(v);
        expect(kindOf(s)).toBe(v.kind);
        expect(parseFieldValue(s)).toStrictEqual({ ok: true, value: v });
      }),
      RUNS,
    );
  });

  it("format throws exactly when fieldValueProblem names a reason", () => {
    const any = fc.oneof(
      text.map((value) => ({ kind: "fixed" as const, value })),
      runtimeInput.map((input) => ({ kind: "runtime" as const, input })),
      fc
        .record({
          default: fc.option(trickyText, { nil: undefined }),
          allowedValues: fc.option(fc.array(trickyText, { maxLength: 3 }), { nil: undefined }),
          executionInput: fc.boolean(),
        })
        .map((r) => {
          const input: RuntimeInput = { executionInput: r.executionInput };
          if (r.default !== undefined) input.default = r.default;
          if (r.allowedValues !== undefined) input.allowedValues = r.allowedValues;
          return { kind: "runtime" as const, input };
        }),
      text.map((expression) => ({ kind: "expression" as const, expression })),
    );
    fc.assert(
      fc.property(any, (v) => {
        const problem = fieldValueProblem(v);
        if (problem === undefined) expect(parseFieldValue(formatFieldValue(v))).toStrictEqual({ ok: true, value: v });
        else expect(() => formatFieldValue(v)).toThrow(new RangeError(problem));
      }),
      RUNS,
    );
  });

  it("on any text, parse never throws; errors point inside the text; format∘parse is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(grammarish, text, fc.string()), (s) => {
        const r = parseFieldValue(s);
        if (!r.ok) {
          expect(r.index).toBeGreaterThanOrEqual(0);
          expect(r.index).toBeLessThanOrEqual(s.length);
          expect(r.message).toContain(` at ${r.index}`);
          return;
        }
        expect(r.value.kind).toBe(kindOf(s));
        const once = formatFieldValue(r.value);
        const again = parseFieldValue(once);
        expect(again).toStrictEqual({ ok: true, value: r.value });
        expect(again.ok && formatFieldValue(again.value)).toBe(once);
        if (r.value.kind !== "runtime") expect(once).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });

  it("a valid runtime input with one character inserted or removed parses or fails with an index inside it", () => {
    const edit = fc.tuple(
      runtimeInput.filter((i) => runtimeInputProblem(i) === undefined),
      fc.nat(),
      fc.option(fc.constantFrom(",", "(", ")", "\\", "'", ".", "x", " "), { nil: undefined }),
    );
    fc.assert(
      fc.property(edit, ([input, n, ch]) => {
        const s = formatFieldValue({ kind: "runtime", input });
        const at = n % (s.length + 1);
        const changed = ch === undefined ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at);
        const r = parseFieldValue(changed);
        if (r.ok) expect(parseFieldValue(formatFieldValue(r.value))).toStrictEqual(r);
        else expect(r.index).toBeLessThanOrEqual(changed.length);
      }),
      RUNS,
    );
  });

  it("quotes only when needed", () => {
    const f = (input: RuntimeInput) => formatFieldValue({ kind: "runtime", input });
    expect(f({ allowedValues: ["dev", "a,b", " x", "f(x)", ""], executionInput: false })).toBe(
      `<+input>.allowedValues(dev,${Q}a,b${Q},${Q} x${Q},${Q}f(x)${Q},${Q}${Q})`,
    );
    expect(f({ default: "it\\'s", executionInput: true })).toBe("<+input>.default(it\\'s).executionInput()");
    expect(f({ regex: "^(a|b)$", executionInput: false })).toBe("<+input>.regex(^(a|b)$)");
    expect(f({ regex: "a\\(", executionInput: false })).toBe("<+input>.regex(a\\()");
    expect(f({ regex: " a", executionInput: false })).toBe(`<+input>.regex(${Q} a${Q})`);
    expect(() => f({ default: "a,\\'b", executionInput: false })).toThrow(/cannot be written/);
    expect(() => f({ allowedValues: [], executionInput: false })).toThrow(
      "`.allowedValues()` needs at least one value",
    );
  });
});

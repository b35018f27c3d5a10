import { describe, expect, it } from "vitest";
import { formatFieldValue, kindOf, matchesWhole, parseFieldValue, regexProblem } from "./index";

const Q = "\\'"; // the two characters \ and ' that quote a value

describe("kindOf", () => {
  it.each([
    ["<+input>", "runtime"],
    ["<+input>.default(x)", "runtime"],
    ["<+input", "runtime"],
    ["<+input.default(x)>", "runtime"],
    ["<+inputs.namespace>", "expression"],
    ["<+pipeline.variables.ns>", "expression"],
    ["release-<+INFRA_KEY_SHORT_ID>", "expression"],
    ["<+env.name>-<+service.name>", "expression"],
    [" <+input>", "expression"],
    ["default", "fixed"],
    ["a<b>c", "fixed"],
    ["", "fixed"],
  ] as const)("%j is %s", (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });
});

describe("parseFieldValue: well-formed", () => {
  it("reads fixed values as they are, spaces included", () => {
    expect(parseFieldValue(" dev ")).toStrictEqual({ ok: true, value: { kind: "fixed", value: " dev " } });
  });

  it("reads expressions whole, nested and mixed with text", () => {
    for (const e of [
      "<+pipeline.variables.namespace>",
      "release-<+INFRA_KEY_SHORT_ID>",
      "<+env.name>-<+service.name>",
      "<+pipeline.stages.<+stage.identifier>.name>",
      '<+<+stage.name> == "a>b" ? "x" : "y">',
    ]) {
      expect(parseFieldValue(e)).toStrictEqual({ ok: true, value: { kind: "expression", expression: e } });
    }
  });

  it("reads every runtime input option, in any order", () => {
    const r = parseFieldValue("<+input>.executionInput().regex(^(dev|qa)-[0-9]{1,3}$).default(dev-1)");
    expect(r).toStrictEqual({
      ok: true,
      value: { kind: "runtime", input: { default: "dev-1", regex: "^(dev|qa)-[0-9]{1,3}$", executionInput: true } },
    });
  });

  it("trims bare values and keeps quoted ones exactly, commas and parentheses included", () => {
    const r = parseFieldValue(`<+input>.allowedValues( dev , ${Q}a,b${Q}, ${Q} (c) ${Q},${Q}${Q})`);
    expect(r).toStrictEqual({
      ok: true,
      value: { kind: "runtime", input: { allowedValues: ["dev", "a,b", " (c) ", ""], executionInput: false } },
    });
  });

  it("reads a quoted regex and an expression as a default", () => {
    expect(parseFieldValue(`<+input>.regex(${Q}^[a-z]+\\)$${Q})`)).toMatchObject({
      ok: true,
      value: { input: { regex: "^[a-z]+\\)$" } },
    });
    expect(parseFieldValue("<+input>.default(release-<+INFRA_KEY_SHORT_ID>)")).toMatchObject({
      ok: true,
      value: { input: { default: "release-<+INFRA_KEY_SHORT_ID>" } },
    });
  });

  it("balances a bare regex's parentheses, skipping escapes and character classes", () => {
    expect(parseFieldValue("<+input>.regex(a\\)[)(]b(c|d))")).toMatchObject({
      ok: true,
      value: { input: { regex: "a\\)[)(]b(c|d)" } },
    });
  });

  it("formats to the canonical order and quoting", () => {
    const r = parseFieldValue(`<+input>.executionInput().allowedValues( qa,${Q}dev${Q}, ${Q}a,b${Q}).default(qa)`);
    expect(r.ok && formatFieldValue(r.value)).toBe(
      `<+input>.default(qa).allowedValues(qa,dev,${Q}a,b${Q}).executionInput()`,
    );
  });
});

// Each malformed text gives one precise message that names the character index it points at.
const MALFORMED: Array<[text: string, message: string, index: number]> = [
  ["<+input", "expected > after <+input at 7", 7],
  ["<+input>x", 'unexpected "x" at 8; expected .default, .allowedValues, .regex or .executionInput', 8],
  [
    "<+input>.defualt(x)",
    "unknown method .defualt at 8; expected .default, .allowedValues, .regex or .executionInput",
    8,
  ],
  ["<+input>.(x)", "missing method name at 9; expected .default, .allowedValues, .regex or .executionInput", 9],
  ["<+input>.default", "expected ( after .default at 16", 16],
  ["<+input>.default(a).default(b)", ".default() is given twice at 19", 19],
  ["<+input>.allowedValues()", "`.allowedValues()` needs at least one value at 23", 23],
  ["<+input>.allowedValues(  )", "`.allowedValues()` needs at least one value at 23", 23],
  ["<+input>.allowedValues(a).regex(b)", "allowedValues and regex cannot be combined at 25", 25],
  ["<+input>.regex(b).allowedValues(b)", "allowedValues and regex cannot be combined at 17", 17],
  [`<+input>.default(${Q}abc)`, `unbalanced quote: ${Q} opened at 17; close it with ${Q}`, 17],
  [`<+input>.allowedValues(a,${Q}b)`, `unbalanced quote: ${Q} opened at 25; close it with ${Q}`, 25],
  [`<+input>.allowedValues(${Q}a${Q}b)`, "expected , or ) after a quoted value at 28", 28],
  ["<+input>.default(z).allowedValues(a,b)", "default is not one of the allowed values at 17", 17],
  ["<+input>.allowedValues(a,b).default( z)", "default is not one of the allowed values at 37", 37],
  ["<+input>.default(abc).regex([a-z]{2})", "default does not match the regex at 17", 17],
  ["<+input>.regex(a(b)", ".regex( never closed at 8; expected )", 8],
  ["<+input>.regex([b-a])", "invalid regex at 15: invalid character class range: `b-a`", 15],
  ["<+input>.regex([a-)", ".regex( never closed at 8; expected )", 8],
  ["<+input>.regex(a{2,1})", "invalid regex at 15: invalid repeat count: `{2,1}`", 15],
  ["<+input>.regex()", "`.regex()` needs a pattern at 15", 15],
  ["<+input>.default()", "`.default()` needs a value at 17; write \\'\\' for an empty one", 17],
  [
    "<+input>.default(a,b)",
    "second value in `.default()` at 19; it takes one; quote a value with commas as \\'a,b\\'",
    19,
  ],
  ["<+input>.default(f(x))", "unquoted \"(\" at 18; quote a value with parentheses as \\'a(b)\\'", 18],
  ["<+input>.allowedValues(a,,b)", "empty value at 25; write \\'\\' for an empty one", 25],
  ["<+input>.allowedValues(a,b,a)", 'duplicate allowed value "a" at 27', 27],
  ["<+input>.allowedValues(a,b", ".allowedValues( never closed at 8; expected )", 8],
  ["<+input>.executionInput(yes)", "`.executionInput()` takes no value at 24", 24],
  ["<+pipeline.name", "<+ opened at 0; close it with >", 0],
  ["a-<+x>-<+y", "<+ opened at 7; close it with >", 7],
  ["<+>", "empty expression <+> at 0", 0],
  ["x-<+ >", "empty expression <+> at 2", 2],
  ["ns-<+input>", "<+input inside other text at 3; a runtime input must be the whole value", 3],
  ['<+a == "b>', 'unbalanced quote: " opened at 7; close it with "', 7],
];

describe("parseFieldValue: malformed", () => {
  it.each(MALFORMED)("%j", (text, message, index) => {
    expect(parseFieldValue(text)).toStrictEqual({ ok: false, message, index });
  });
});

describe("patterns run on RE2", () => {
  it("resolves a catastrophic pattern at once instead of backtracking", () => {
    // With backtracking, (a+)+b against 30 a's and a '!' takes seconds; RE2 answers in linear time.
    expect(matchesWhole("(a+)+b", `${"a".repeat(30)}!`)).toBe(false);
    expect(matchesWhole("(a+)+b", `${"a".repeat(30)}b`)).toBe(true);
    expect(matchesWhole("[a-z]{2}-[a-z]+-\\d", "eu-west-1")).toBe(true);
    expect(matchesWhole("abc", "abcd")).toBe(false);
  });

  it("refuses what RE2 cannot run, saying why, and patterns over the length cap", () => {
    for (const re of ["(a)\\1", "(?=a)a", "(?!a)b", "(?<=a)b", "(?<!a)b"])
      expect(regexProblem(re), re).toMatch(/backreferences and lookaround are not supported/);
    expect(regexProblem("a".repeat(257))).toBe("invalid regex: at most 256 characters");
    expect(regexProblem("a".repeat(256))).toBeUndefined();
    const parsed = parseFieldValue("<+input>.regex((?=x)x)");
    expect(parsed.ok).toBe(false);
  });
});

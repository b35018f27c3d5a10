import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeRuntimeInput, matchesWhole, parseFieldValue, resolveRuntimeInput, type RuntimeInput } from "./index";

function input(text: string): RuntimeInput {
  const r = parseFieldValue(text);
  if (!r.ok || r.value.kind !== "runtime") throw new Error(`not a runtime input: ${text}`);
  return r.value.input;
}

describe("resolveRuntimeInput", () => {
  it("takes the provided value, else the default", () => {
    expect(resolveRuntimeInput(input("<+input>.default(dev)"), "qa")).toEqual({ ok: true, value: "qa" });
    expect(resolveRuntimeInput(input("<+input>.default(dev)"), undefined)).toEqual({ ok: true, value: "dev" });
    expect(resolveRuntimeInput(input("<+input>.default(dev)"), "")).toEqual({ ok: true, value: "dev" });
    expect(resolveRuntimeInput(input("<+input>.default(\\'\\')"), undefined)).toEqual({ ok: true, value: "" });
  });

  it("refuses a missing value without a default", () => {
    for (const provided of [undefined, ""]) {
      expect(resolveRuntimeInput(input("<+input>"), provided)).toEqual({
        ok: false,
        message: "A value is required: this runtime input has no default",
      });
    }
  });

  it("refuses a value outside the allowed values and lists them", () => {
    const i = input("<+input>.allowedValues(dev,qa,\\'a,b\\')");
    expect(resolveRuntimeInput(i, "prod")).toEqual({
      ok: false,
      message: '"prod" is not allowed; choose one of: dev, qa, a,b',
    });
    expect(resolveRuntimeInput(i, "a,b")).toEqual({ ok: true, value: "a,b" });
    expect(resolveRuntimeInput(i, undefined).ok).toBe(false);
  });

  it("matches the regex against the whole value", () => {
    const i = input("<+input>.regex([a-z]+).default(abc)");
    expect(resolveRuntimeInput(i, "xyz")).toEqual({ ok: true, value: "xyz" });
    expect(resolveRuntimeInput(i, "xyz1")).toEqual({ ok: false, message: '"xyz1" does not match the pattern [a-z]+' });
    expect(resolveRuntimeInput(i, undefined)).toEqual({ ok: true, value: "abc" });
    expect(resolveRuntimeInput(input("<+input>.regex(a|b)"), "a")).toEqual({ ok: true, value: "a" });
    expect(resolveRuntimeInput(input("<+input>.regex(a|b)"), "ab").ok).toBe(false);
  });

  it("accepts exactly the allowed values (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 }),
        fc.string(),
        (allowed, provided) => {
          const r = resolveRuntimeInput({ allowedValues: allowed, executionInput: false }, provided);
          expect(r.ok).toBe(provided === "" ? false : allowed.includes(provided));
          if (r.ok) expect(r.value).toBe(provided);
        },
      ),
    );
  });

  it("accepts exactly the whole-regex matches (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("[a-c]+", "x|y", "(ab)*", "\\d{2}"),
        fc.string({ unit: fc.constantFrom("a", "b", "c", "x", "1", "2"), minLength: 1, maxLength: 4 }),
        (re, provided) => {
          expect(resolveRuntimeInput({ regex: re, executionInput: false }, provided).ok).toBe(
            matchesWhole(re, provided),
          );
        },
      ),
    );
  });
});

describe("describeRuntimeInput", () => {
  it("says when it is asked for and what is allowed", () => {
    expect(describeRuntimeInput(input("<+input>"))).toBe("Asked for when the pipeline runs");
    expect(describeRuntimeInput(input("<+input>.allowedValues(dev,qa).default(qa).executionInput()"))).toBe(
      "Asked for during the execution · one of dev, qa · default qa",
    );
    expect(describeRuntimeInput(input("<+input>.regex(^[a-z]+$)"))).toBe(
      "Asked for when the pipeline runs · must match ^[a-z]+$",
    );
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { multiType, multiTypeBoolean } from "./zod";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const spec = z.object({
  spec: z.object({
    namespace: multiType(
      z.string().min(1, "Enter a namespace").regex(DNS_LABEL, "Use a DNS label: lowercase letters, digits and -"),
    ),
    region: multiType(z.string().trim()),
  }),
  allowSimultaneousDeployments: multiTypeBoolean(),
});

function issues(value: unknown) {
  const r = spec.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}
const ok = (namespace: string, allow: unknown = false) => ({
  spec: { namespace, region: "" },
  allowSimultaneousDeployments: allow,
});

describe("multiType", () => {
  it("checks a fixed value with the given schema and keeps its output", () => {
    expect(issues(ok("dev"))).toEqual([]);
    expect(issues(ok("Dev_1"))).toEqual([
      { path: "spec.namespace", message: "Use a DNS label: lowercase letters, digits and -" },
    ]);
    // Every issue of the fixed schema is kept; a form shows the first.
    expect(issues(ok(""))[0]).toEqual({ path: "spec.namespace", message: "Enter a namespace" });
    expect(
      spec.parse({ spec: { namespace: "dev", region: " us-east-1 " }, allowSimultaneousDeployments: true }).spec.region,
    ).toBe("us-east-1");
  });

  it("accepts runtime inputs and expressions that the fixed schema would refuse", () => {
    for (const v of [
      "<+input>",
      "<+input>.allowedValues(dev,qa).executionInput()",
      "<+pipeline.variables.namespace>",
      "ns-<+env.name>",
    ]) {
      expect(issues(ok(v))).toEqual([]);
      expect(spec.parse(ok(v)).spec.namespace).toBe(v);
    }
  });

  it("reports the grammar's message at the field", () => {
    expect(issues(ok("<+input>.defualt(dev)"))).toEqual([
      {
        path: "spec.namespace",
        message:
          "Runtime input: unknown method .defualt at 8; expected .default, .allowedValues, .regex or .executionInput",
      },
    ]);
    expect(issues(ok("<+env.name"))).toEqual([
      { path: "spec.namespace", message: "Expression: <+ opened at 0; close it with >" },
    ]);
  });

  it("checks a runtime input's default and allowed values with the fixed schema, but not expressions among them", () => {
    expect(issues(ok("<+input>.default(Dev)"))).toEqual([
      { path: "spec.namespace", message: 'Default "Dev": Use a DNS label: lowercase letters, digits and -' },
    ]);
    expect(issues(ok("<+input>.allowedValues(dev,QA)"))).toEqual([
      { path: "spec.namespace", message: 'Allowed value "QA": Use a DNS label: lowercase letters, digits and -' },
    ]);
    expect(issues(ok("<+input>.default(<+env.name>)"))).toEqual([]);
  });

  it("says a missing field is required", () => {
    expect(issues({ spec: { region: "" }, allowSimultaneousDeployments: false })).toEqual([
      { path: "spec.namespace", message: "This field is required" },
    ]);
  });
});

describe("multiTypeBoolean", () => {
  it("takes booleans, their strings, runtime inputs and expressions", () => {
    const b = multiTypeBoolean();
    expect(b.parse(true)).toBe(true);
    expect(b.parse("false")).toBe(false);
    expect(b.parse("<+input>.allowedValues(true,false).default(false)")).toBe(
      "<+input>.allowedValues(true,false).default(false)",
    );
    expect(b.parse("<+pipeline.variables.parallel>")).toBe("<+pipeline.variables.parallel>");
  });

  it("refuses anything else at the field", () => {
    expect(issues(ok("dev", "yes"))).toEqual([
      { path: "allowSimultaneousDeployments", message: "Use true or false, a runtime input or an expression" },
    ]);
    expect(issues(ok("dev", "<+input>.allowedValues(yes,no)"))).toEqual([
      {
        path: "allowSimultaneousDeployments",
        message: 'Allowed value "yes": Use true or false, a runtime input or an expression',
      },
    ]);
    expect(issues(ok("dev", 1))).toEqual([
      { path: "allowSimultaneousDeployments", message: "Use true or false, a runtime input or an expression" },
    ]);
    expect(issues(ok("dev", "<+input>.regex(()"))).toEqual([
      { path: "allowSimultaneousDeployments", message: "Runtime input: .regex( never closed at 8; expected )" },
    ]);
  });
});

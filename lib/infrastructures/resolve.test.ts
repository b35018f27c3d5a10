import { describe, expect, it } from "vitest";
import { resolveInfrastructure, runtimeInputsOf } from "./resolve";
import { infrastructureInputSchema } from "./schemas";

type Obj = Record<string, unknown>;
const def = (spec: Obj, top: Obj = {}) =>
  infrastructureInputSchema.parse({
    name: "EKS",
    identifier: "eks",
    environmentRef: "dev",
    deploymentType: "Kubernetes",
    type: "KubernetesAws",
    ...top,
    spec: {
      connectorRef: "aws",
      cluster: "prod",
      namespace: "web",
      releaseName: "release-<+INFRA_KEY_SHORT_ID>",
      ...spec,
    },
  });

describe("runtimeInputsOf", () => {
  it("lists every runtime input in form order with its parsed options; fixed values and expressions are not asked", () => {
    const d = def(
      {
        connectorRef: "<+input>",
        cluster: "<+env.variables.cluster>",
        namespace: "<+input>.allowedValues(dev,qa).executionInput()",
        provisioner: "<+input>.default(tf)",
      },
      { allowSimultaneousDeployments: "<+input>.default(false)" },
    );
    expect(runtimeInputsOf(d).map((f) => [f.path, f.input])).toEqual([
      ["spec.connectorRef", { executionInput: false }],
      ["spec.namespace", { allowedValues: ["dev", "qa"], executionInput: true }],
      ["spec.provisioner", { default: "tf", executionInput: false }],
      ["allowSimultaneousDeployments", { default: "false", executionInput: false }],
    ]);
    expect(runtimeInputsOf(def({}))).toEqual([]);
  });
});

describe("resolveInfrastructure", () => {
  it("fills values and defaults; expressions stay as they are", () => {
    const d = def(
      {
        namespace: "<+input>.allowedValues(dev,qa)",
        releaseName: "<+input>.default(web)",
        cluster: "<+env.variables.cluster>",
      },
      { allowSimultaneousDeployments: "<+input>.default(true)" },
    );
    const r = resolveInfrastructure(d, { "spec.namespace": "qa" });
    expect(r).toEqual({
      ok: true,
      value: {
        ...d,
        allowSimultaneousDeployments: true,
        spec: { ...d.spec, namespace: "qa", releaseName: "web", cluster: "<+env.variables.cluster>" },
      },
    });
  });

  it("reports every missing and refused value at once, at its field path", () => {
    const d = def(
      {
        connectorRef: "<+input>",
        namespace: "<+input>.allowedValues(dev,qa)",
        releaseName: "<+input>.regex(^rel-[a-z]+$)",
      },
      { allowSimultaneousDeployments: "<+input>" },
    );
    const r = resolveInfrastructure(d, {
      "spec.namespace": "prod",
      "spec.releaseName": "web",
      allowSimultaneousDeployments: "sometimes",
    });
    expect(r).toEqual({
      ok: false,
      unknownInputs: false,
      fieldErrors: {
        "spec.connectorRef": ["A value is required: this runtime input has no default"],
        "spec.namespace": ['"prod" is not allowed; choose one of: dev, qa'],
        "spec.releaseName": ['"web" does not match the pattern ^rel-[a-z]+$'],
        allowSimultaneousDeployments: ["Enter true or false"],
      },
    });
  });

  it("an empty value counts as not given: the default fills it, otherwise it is missing", () => {
    const d = def({ namespace: "<+input>.default(dev)", cluster: "<+input>" });
    expect(resolveInfrastructure(d, { "spec.namespace": "", "spec.cluster": "c1" })).toMatchObject({
      ok: true,
      value: { spec: { namespace: "dev", cluster: "c1" } },
    });
    expect(resolveInfrastructure(d, { "spec.cluster": "" })).toMatchObject({
      ok: false,
      fieldErrors: { "spec.cluster": [expect.stringMatching(/required/)] },
    });
  });

  it("resolved values obey the field's own rules (a namespace is a DNS label, a release name ≤ 53)", () => {
    const d = def({ namespace: "<+input>", releaseName: "<+input>" });
    const r = resolveInfrastructure(d, { "spec.namespace": "Not_A_Label", "spec.releaseName": "a".repeat(54) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors).sort()).toEqual(["spec.namespace", "spec.releaseName"]);
  });

  it("resolved values obey the cross-field rules (a region/cluster inside the region filter)", () => {
    const d = def({ region: "<+input>", cluster: "ap-south-1/prod" });
    expect(resolveInfrastructure(d, { "spec.region": "ap-south-1" }).ok).toBe(true);
    expect(resolveInfrastructure(d, { "spec.region": "us-east-1" })).toMatchObject({
      ok: false,
      fieldErrors: { "spec.cluster": [expect.stringContaining("region is set to us-east-1")] },
    });
  });

  it("a value may be an expression (checked when the pipeline runs), not another runtime input", () => {
    const d = def({ namespace: "<+input>.allowedValues(dev,qa)", cluster: "<+input>" });
    expect(resolveInfrastructure(d, { "spec.namespace": "<+env.name>", "spec.cluster": "c" })).toMatchObject({
      ok: true,
      value: { spec: { namespace: "<+env.name>" } },
    });
    expect(resolveInfrastructure(d, { "spec.namespace": "<+input>", "spec.cluster": "c" })).toMatchObject({
      ok: false,
      fieldErrors: { "spec.namespace": ["Give a value here, not another runtime input"] },
    });
  });

  it("values for fields that are not runtime inputs, or that do not exist, are a bad request", () => {
    const d = def({ namespace: "<+input>" });
    expect(resolveInfrastructure(d, { "spec.namespace": "dev", "spec.cluster": "x", "spec.colour": "blue" })).toEqual({
      ok: false,
      unknownInputs: true,
      fieldErrors: {
        "spec.cluster": ["This field is not a runtime input in this definition"],
        "spec.colour": ["No such field"],
      },
    });
  });

  it("inputs named like Object's members are unknown fields like any other, not a crash", () => {
    const d = def({ namespace: "<+input>" });
    const inputs = JSON.parse('{"spec.namespace":"dev","constructor":"x","toString":"y","__proto__":"z"}');
    const r = resolveInfrastructure(d, inputs);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(JSON.parse(JSON.stringify(r.fieldErrors))).toEqual({
      ["__proto__"]: ["No such field"],
      constructor: ["No such field"],
      toString: ["No such field"],
    });
  });

  it("a definition without runtime inputs resolves to itself", () => {
    const d = def({});
    expect(resolveInfrastructure(d, {})).toEqual({ ok: true, value: d });
  });
});

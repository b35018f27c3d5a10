import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { REGION_CODES } from "@/lib/aws/partitions";
import { infrastructureInputSchema, type InfrastructureInput } from "./schemas";
import { infrastructureToYaml, parseInfrastructureYaml } from "./yaml";

const base = infrastructureInputSchema.parse({
  name: "EKS prod",
  identifier: "eks_prod",
  description: "Mumbai cluster",
  tags: { team: "web", enabled: "yes" },
  environmentRef: "prod",
  deploymentType: "Kubernetes",
  type: "KubernetesAws",
  allowSimultaneousDeployments: false,
  scopedServices: ["web", "org.api"],
  spec: {
    connectorRef: "account.aws_prod",
    region: "ap-south-1",
    cluster: "ap-south-1/Cluster-test",
    namespace: "<+input>.allowedValues(dev,qa).executionInput()",
    releaseName: "release-<+INFRA_KEY_SHORT_ID>",
    provisioner: "<+input>",
  },
});

const HARNESS_DOC = `infrastructureDefinition:
  name: EKS prod
  identifier: eks_prod
  description: Mumbai cluster
  tags:
    team: web
    enabled: "yes"
  orgIdentifier: default
  projectIdentifier: default_project
  environmentRef: prod
  deploymentType: Kubernetes
  type: KubernetesAws
  spec:
    connectorRef: account.aws_prod
    cluster: ap-south-1/Cluster-test
    namespace: <+input>.allowedValues(dev,qa).executionInput()
    releaseName: release-<+INFRA_KEY_SHORT_ID>
    region: ap-south-1
    provisioner: <+input>
  allowSimultaneousDeployments: false
  scopedServices:
    - web
    - org.api
`;

describe("infrastructure YAML", () => {
  it("writes the Harness document in Harness's key order", () => {
    expect(infrastructureToYaml({ ...base, orgIdentifier: "default", projectIdentifier: "default_project" })).toBe(
      HARNESS_DOC,
    );
  });

  it("reads the Harness document back to the same input (scope keys kept for the scope check)", () => {
    const r = parseInfrastructureYaml(HARNESS_DOC);
    expect(r).toEqual({ ok: true, value: { ...base, orgIdentifier: "default", projectIdentifier: "default_project" } });
  });

  it("treats null and empty optional keys as absent, as Harness writes them", () => {
    const text = HARNESS_DOC.replace("description: Mumbai cluster", "description:")
      .replace("    region: ap-south-1\n", "    region: null\n")
      .replace(
        "  orgIdentifier: default\n  projectIdentifier: default_project\n",
        '  orgIdentifier: ""\n  projectIdentifier: ""\n',
      )
      .replace("  scopedServices:\n    - web\n    - org.api\n", "  scopedServices: null\n");
    const r = parseInfrastructureYaml(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.spec.region).toBeUndefined();
      expect(r.value.description).toBe("");
      expect(r.value.scopedServices).toEqual([]);
      expect(r.value.orgIdentifier).toBeUndefined();
    }
  });

  it("round-trips generated definitions: parse(write(d)) = d", () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/);
    const multi = (fixed: fc.Arbitrary<string>) =>
      fc.oneof(
        fixed,
        fc.constant("<+input>"),
        word.map((w) => `<+input>.default(${w}).executionInput()`),
        word.map((w) => `<+env.variables.${w}>`),
      );
    fc.assert(
      fc.property(
        fc.record({
          name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.length > 0),
          description: fc.string({ maxLength: 30 }),
          allow: fc.oneof(fc.boolean(), fc.constant("<+input>")),
          connectorRef: multi(word.map((w) => `org.${w}`)),
          region: fc.option(fc.constantFrom(...REGION_CODES), { nil: undefined }),
          cluster: multi(word),
          namespace: multi(word),
          tag: fc.constantFrom("yes", "no", "on", "true", "1", "x: y", "#hash", "<+x>"),
        }),
        (g) => {
          const d: InfrastructureInput = infrastructureInputSchema.parse({
            ...base,
            name: g.name,
            description: g.description,
            allowSimultaneousDeployments: g.allow,
            tags: { t: g.tag },
            spec: {
              ...base.spec,
              connectorRef: g.connectorRef,
              region: g.region,
              cluster: g.cluster,
              namespace: g.namespace,
            },
          });
          const r = parseInfrastructureYaml(infrastructureToYaml(d));
          expect(r).toEqual({ ok: true, value: d });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("points at the offending line for every problem, in the key's own line", () => {
    const text = HARNESS_DOC.replace(
      "namespace: <+input>.allowedValues(dev,qa).executionInput()",
      "namespace: Web_NS",
    ).replace("deploymentType: Kubernetes", "deploymentType: Ssh");
    const r = parseInfrastructureYaml(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = text.split("\n");
    const at = (key: string) => lines.findIndex((l) => l.trimStart().startsWith(`${key}:`)) + 1;
    expect(r.issues.map((i) => [i.path, i.line])).toEqual([
      ["infrastructureDefinition.deploymentType", at("deploymentType")],
      ["infrastructureDefinition.spec.namespace", at("namespace")],
    ]);
    expect(r.line).toBe(at("deploymentType"));
    expect(r.message).toBe("Ssh deployments are not available yet; choose Kubernetes or NativeHelm");
  });

  it("a missing key is reported on its parent's line; an unknown key on its own", () => {
    const missing = parseInfrastructureYaml(HARNESS_DOC.replace("    cluster: ap-south-1/Cluster-test\n", ""));
    expect(missing).toMatchObject({ ok: false, path: "infrastructureDefinition.spec.cluster", line: 13 });
    const unknown = parseInfrastructureYaml(
      HARNESS_DOC.replace("  type: KubernetesAws\n", "  type: KubernetesAws\n  colour: blue\n"),
    );
    expect(unknown).toMatchObject({ ok: false, path: "infrastructureDefinition.colour", line: 13 });
  });

  it("reports YAML syntax errors with their position and a non-document plainly", () => {
    const r = parseInfrastructureYaml("infrastructureDefinition:\n  name: [unclosed\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.line).toBeGreaterThanOrEqual(2);
    expect(parseInfrastructureYaml("just text")).toMatchObject({
      ok: false,
      line: 1,
      message: "Expected a document starting with infrastructureDefinition:",
    });
  });

  it("quotes YAML 1.1 booleans held as strings so other readers keep them strings", () => {
    const text = infrastructureToYaml({ ...base, tags: { a: "on", b: "true" } });
    expect(parseDocument(text, { version: "1.1" }).toJS().infrastructureDefinition.tags).toEqual({
      a: "on",
      b: "true",
    });
  });
});

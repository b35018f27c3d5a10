import { describe, expect, it } from "vitest";
import {
  DEFAULT_RELEASE_NAME,
  clusterRegion,
  defaultInfrastructureInput,
  infrastructureInputSchema,
  infrastructureUpdateSchema,
} from "./schemas";

type Obj = Record<string, unknown>;
const SPEC = { connectorRef: "account.aws_prod", cluster: "prod", namespace: "web", releaseName: "release-web" };
function def(spec: Obj = {}, top: Obj = {}): Obj {
  return {
    name: "EKS prod",
    identifier: "eks_prod",
    environmentRef: "prod",
    deploymentType: "Kubernetes",
    type: "KubernetesAws",
    ...top,
    spec: { ...SPEC, ...spec },
  };
}
function issues(input: unknown) {
  const r = infrastructureInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}
const ok = (input: unknown) => expect(issues(input)).toEqual([]);
const paths = (input: unknown) => [...new Set(issues(input).map((i) => i.slice(0, i.indexOf(":"))))];

describe("definition fields", () => {
  it("accepts a fixed definition and fills defaults (Inline storage, no simultaneous deployments, release name)", () => {
    const { releaseName: _r, ...spec } = SPEC;
    const parsed = infrastructureInputSchema.parse({ ...def(), spec });
    expect(parsed).toMatchObject({
      storage: "Inline",
      allowSimultaneousDeployments: false,
      scopedServices: [],
      description: "",
      tags: {},
      spec: { releaseName: DEFAULT_RELEASE_NAME },
    });
    expect(parsed.spec.region).toBeUndefined();
  });

  it("refuses other deployment types, infrastructure types and Remote/Git storage as not available yet", () => {
    expect(issues(def({}, { deploymentType: "ServerlessAwsLambda" }))).toEqual([
      "deploymentType: ServerlessAwsLambda deployments are not available yet; choose Kubernetes or NativeHelm",
    ]);
    ok(def({}, { deploymentType: "NativeHelm" }));
    expect(issues(def({}, { type: "KubernetesDirect" }))[0]).toMatch(
      /^type: KubernetesDirect infrastructure is not available yet/,
    );
    expect(issues(def({}, { storage: "Remote" }))).toEqual([
      "storage: Remote storage is not available yet; definitions are stored Inline",
    ]);
    expect(issues(def({}, { storage: "Git" }))).toEqual([
      "storage: Git storage is not available yet; definitions are stored Inline",
    ]);
    expect(paths(def({}, { environmentRef: undefined }))).toEqual(["environmentRef"]);
  });

  it("allowSimultaneousDeployments: a boolean, true/false text, a runtime input or an expression", () => {
    expect(
      infrastructureInputSchema.parse(def({}, { allowSimultaneousDeployments: "true" })).allowSimultaneousDeployments,
    ).toBe(true);
    expect(
      infrastructureInputSchema.parse(def({}, { allowSimultaneousDeployments: "<+input>.allowedValues(true,false)" }))
        .allowSimultaneousDeployments,
    ).toBe("<+input>.allowedValues(true,false)");
    ok(def({}, { allowSimultaneousDeployments: "<+pipeline.variables.parallel>" }));
    expect(paths(def({}, { allowSimultaneousDeployments: "maybe" }))).toEqual(["allowSimultaneousDeployments"]);
  });

  it("scoped services are service references, each once", () => {
    ok(def({}, { scopedServices: ["web", "org.api", "account.worker"] }));
    expect(paths(def({}, { scopedServices: ["web", "web"] }))).toEqual(["scopedServices"]);
    expect(paths(def({}, { scopedServices: ["project.web"] }))).toEqual(["scopedServices.0"]);
  });

  it("the update schema also takes a version; unknown keys are refused", () => {
    expect(infrastructureUpdateSchema.parse({ ...def(), version: 3 }).version).toBe(3);
    expect(paths({ ...def(), colour: "blue" })).toEqual([""]);
  });

  it("the new-form defaults parse once the user filled the required fields", () => {
    const form = defaultInfrastructureInput("prod");
    expect(paths(form).sort()).toEqual(["identifier", "name", "spec.cluster", "spec.connectorRef", "spec.namespace"]);
    ok({
      ...form,
      name: "x",
      identifier: "x",
      spec: { ...(form.spec as Obj), connectorRef: "aws", cluster: "c", namespace: "n" },
    });
  });
});

describe("fixed spec values", () => {
  it("namespace: a DNS label of at most 63 characters", () => {
    for (const ns of ["default", "web-1", "a", "0", "a".repeat(63)]) ok(def({ namespace: ns }));
    for (const ns of ["Web", "-web", "web-", "web_1", "a.b", "a".repeat(64), ""])
      expect(paths(def({ namespace: ns })), ns).toEqual(["spec.namespace"]);
    expect(issues(def({ namespace: "a".repeat(64) }))).toEqual([
      "spec.namespace: A namespace has at most 63 characters",
    ]);
  });

  it("release name: a Helm release name of at most 53 characters", () => {
    for (const name of ["web", "release-1", "my.release", "a".repeat(53)]) ok(def({ releaseName: name }));
    for (const name of ["Web", "web_", "-web", "a..b", "a".repeat(54)])
      expect(paths(def({ releaseName: name })), name).toEqual(["spec.releaseName"]);
    expect(issues(def({ releaseName: "a".repeat(54) }))).toEqual([
      "spec.releaseName: A Helm release name has at most 53 characters",
    ]);
  });

  it("connector reference: <id>, org.<id> or account.<id>", () => {
    for (const ref of ["aws", "org.aws", "account.aws_prod"]) ok(def({ connectorRef: ref }));
    for (const ref of ["project.aws", "1aws", "", "a b"])
      expect(paths(def({ connectorRef: ref })), ref).toEqual(["spec.connectorRef"]);
  });

  it("region: a known region or empty (no filter)", () => {
    ok(def({ region: "eu-west-1" }));
    expect(infrastructureInputSchema.parse(def({ region: "" })).spec.region).toBeUndefined();
    expect(issues(def({ region: "moon-1" }))).toEqual(["spec.region: Choose a region from the list"]);
  });

  it("cluster: an EKS cluster name, optionally region/name with a real region", () => {
    for (const c of ["prod", "Cluster-test", "ap-south-1/Cluster-test", "us-gov-west-1/gov_1"]) ok(def({ cluster: c }));
    for (const c of ["", "-prod", "a/b/c", "prod cluster", "x".repeat(101)])
      expect(paths(def({ cluster: c })), c).toEqual(["spec.cluster"]);
    expect(issues(def({ cluster: "mars-north-1/prod" }))).toEqual([
      'spec.cluster: "mars-north-1" is not an AWS region; write region/name, like us-east-1/prod',
    ]);
    expect(clusterRegion("ap-south-1/Cluster-test")).toBe("ap-south-1");
    expect(clusterRegion("prod")).toBeUndefined();
  });

  it("provisioner: an identifier, optional", () => {
    ok(def({ provisioner: "tf_eks" }));
    expect(paths(def({ provisioner: "tf eks" }))).toEqual(["spec.provisioner"]);
  });
});

describe("runtime inputs and expressions", () => {
  it("every spec field takes a runtime input or an expression instead of a fixed value", () => {
    const all = {
      connectorRef: "<+input>",
      region: "<+input>",
      cluster: "<+input>",
      namespace: "<+input>",
      releaseName: "<+input>",
      provisioner: "<+input>",
    };
    ok(def(all));
    ok(
      def({
        connectorRef: "<+pipeline.variables.conn>",
        cluster: "<+env.variables.cluster>",
        namespace: "<+env.name>-web",
        releaseName: "<+service.name>",
      }),
    );
    ok(def({ namespace: "<+input>.allowedValues(dev,qa).executionInput()", releaseName: "<+input>.regex(^rel-.*$)" }));
  });

  it("the default release name is an expression, not a malformed fixed name", () => {
    ok(def({ releaseName: DEFAULT_RELEASE_NAME }));
  });

  it("a runtime input's default and allowed values must satisfy the fixed rules", () => {
    expect(paths(def({ namespace: "<+input>.default(Bad_NS)" }))).toEqual(["spec.namespace"]);
    expect(paths(def({ namespace: "<+input>.allowedValues(dev,QA)" }))).toEqual(["spec.namespace"]);
    expect(paths(def({ releaseName: `<+input>.default(${"a".repeat(54)})` }))).toEqual(["spec.releaseName"]);
  });

  it("a malformed runtime input is refused with the grammar's message at its field", () => {
    const msgs = issues(def({ namespace: "<+input>.default(dev" }));
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(/^spec\.namespace: Runtime input: /);
  });
});

describe("dependency rules: connector → region → cluster", () => {
  it("a fixed region/cluster must lie in a fixed region filter", () => {
    ok(def({ region: "ap-south-1", cluster: "ap-south-1/Cluster-test" }));
    ok(def({ region: "ap-south-1", cluster: "Cluster-test" }));
    expect(issues(def({ region: "us-east-1", cluster: "ap-south-1/Cluster-test" }))).toEqual([
      "spec.cluster: This cluster is in ap-south-1 but the region is set to us-east-1; choose a cluster in us-east-1 or clear the region",
    ]);
  });

  it("without a region filter a cluster listed across regions carries its region", () => {
    ok(def({ cluster: "eu-west-1/prod" }));
  });

  it("when the connector or the region is not fixed, a fixed cluster is free text (syntax checked only)", () => {
    ok(def({ connectorRef: "<+input>", cluster: "prod" }));
    ok(def({ connectorRef: "<+pipeline.variables.conn>", region: "<+input>", cluster: "ap-south-1/prod" }));
    ok(def({ region: "<+input>.allowedValues(us-east-1,eu-west-1)", cluster: "ap-south-1/prod" }));
    expect(paths(def({ connectorRef: "<+input>", cluster: "not a cluster" }))).toEqual(["spec.cluster"]);
  });

  it("a runtime or expression cluster is accepted whatever the connector and region are", () => {
    ok(def({ region: "us-east-1", cluster: "<+input>.allowedValues(a,b)" }));
    ok(def({ connectorRef: "<+input>", cluster: "<+infra.variables.cluster>" }));
  });
});

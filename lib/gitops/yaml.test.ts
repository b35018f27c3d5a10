import { describe, expect, it } from "vitest";
import { gitopsAgentInputSchema, gitopsClusterInputSchema, isPemCaData, splitClusterValue } from "./schemas";
import { agentToYaml, clusterToYaml, parseAgentYaml, parseClusterYaml } from "./yaml";

const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64");

const agent = gitopsAgentInputSchema.parse({
  name: "Management agent",
  identifier: "mgmt_agent",
  orgIdentifier: "default",
  projectIdentifier: "web",
  namespace: "gitops",
  spec: {
    connectorRef: "account.aws_mgmt",
    managementCluster: "us-east-1/management",
    agentRoleArn: "arn:aws:iam::111122223333:role/ArgoCD",
  },
});

const cluster = gitopsClusterInputSchema.parse({
  name: "Testing",
  identifier: "testing",
  tags: { env: "test" },
  agentIdentifier: "mgmt_agent",
  spec: {
    masterUrl: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    authentication: {
      type: "IRSA",
      spec: { roleArn: "arn:aws:iam::444455556666:role/Deployer", clusterName: "testing", region: "eu-west-1" },
    },
    caData: CA,
  },
});

describe("GitOps YAML", () => {
  it("agents round-trip, keys in a stable order", () => {
    const text = agentToYaml(agent);
    expect(text.split("\n").slice(0, 3)).toEqual([
      "gitopsAgent:",
      "  name: Management agent",
      "  identifier: mgmt_agent",
    ]);
    expect(text).toContain("    connectorRef: account.aws_mgmt\n    managementCluster: us-east-1/management\n");
    expect(parseAgentYaml(text)).toEqual({ ok: true, value: agent });
  });

  it("the agent's flavour round-trips; a document without it is a Harness GitOps agent", () => {
    const text = agentToYaml(agent);
    expect(text).toContain(
      "    agentRoleArn: arn:aws:iam::111122223333:role/ArgoCD\n    flavour: HARNESS_GITOPS_AGENT\n",
    );
    const argo = { ...agent, spec: { ...agent.spec, flavour: "ARGO_CD" as const } };
    expect(parseAgentYaml(agentToYaml(argo))).toEqual({ ok: true, value: argo });
    const without = text.replace("    flavour: HARNESS_GITOPS_AGENT\n", "");
    expect(parseAgentYaml(without)).toEqual({ ok: true, value: agent });
    const bad = parseAgentYaml(text.replace("flavour: HARNESS_GITOPS_AGENT", "flavour: FLUX"));
    expect(bad).toMatchObject({ ok: false, path: "spec.flavour" });
  });

  it("clusters round-trip", () => {
    const text = clusterToYaml(cluster);
    expect(text).toContain(
      "  agentIdentifier: mgmt_agent\n  spec:\n    masterUrl: https://ABC.gr7.eu-west-1.eks.amazonaws.com\n    authentication:\n      type: IRSA\n",
    );
    expect(parseClusterYaml(text)).toEqual({ ok: true, value: cluster });
  });

  it("names the line of an invalid value and the field path", () => {
    const text = clusterToYaml(cluster).replace("region: eu-west-1", "region: mars-1");
    const r = parseClusterYaml(text);
    expect(r).toMatchObject({ ok: false, path: "spec.authentication.spec.region" });
    if (!r.ok) expect(text.split("\n")[r.line - 1]).toContain("region: mars-1");
  });

  it("refuses a role in another partition than the cluster's region, at the role", () => {
    const text = clusterToYaml(cluster).replace("arn:aws:iam::444455556666", "arn:aws-us-gov:iam::444455556666");
    const r = parseClusterYaml(text);
    expect(r).toMatchObject({ ok: false, path: "spec.authentication.spec.roleArn" });
    if (!r.ok) expect(r.message).toMatch(/GovCloud.*commercial/);
  });

  it("refuses documents that are not a GitOps resource and unknown keys", () => {
    expect(parseAgentYaml("connector:\n  name: x\n")).toMatchObject({
      ok: false,
      message: "Expected a document starting with gitopsAgent:",
    });
    const text = agentToYaml(agent).replace("  namespace: gitops\n", "  namespace: gitops\n  extra: 1\n");
    expect(parseAgentYaml(text)).toMatchObject({
      ok: false,
      path: "extra",
      line: text.split("\n").indexOf("  extra: 1") + 1,
    });
  });
});

describe("GitOps field rules", () => {
  it("CA data must be base64 PEM; whitespace from copying is dropped", () => {
    expect(isPemCaData(CA)).toBe(true);
    expect(isPemCaData(Buffer.from("hello").toString("base64"))).toBe(false);
    expect(isPemCaData("not base64!")).toBe(false);
    const spaced = { ...cluster, spec: { ...cluster.spec, caData: `${CA.slice(0, 10)}\n  ${CA.slice(10)}` } };
    expect(gitopsClusterInputSchema.parse(spaced).spec.caData).toBe(CA);
  });

  it("master URL is https without credentials; bearer token needs a secret reference", () => {
    const bad = gitopsClusterInputSchema.safeParse({
      ...cluster,
      spec: { ...cluster.spec, masterUrl: "http://x.example.com" },
    });
    expect(bad.success).toBe(false);
    const bearer = gitopsClusterInputSchema.safeParse({
      ...cluster,
      spec: { ...cluster.spec, authentication: { type: "BearerToken", spec: { tokenRef: "org.kube_token" } } },
    });
    expect(bearer.success).toBe(true);
  });

  it("cluster values split into region and name", () => {
    expect(splitClusterValue("ap-south-1/Cluster-test")).toEqual({ region: "ap-south-1", name: "Cluster-test" });
    expect(splitClusterValue("management")).toEqual({ name: "management" });
  });
});

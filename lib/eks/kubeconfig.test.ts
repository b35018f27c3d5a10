// Kubeconfig generation: golden files for the commercial and GovCloud partitions, and the
// exec plugin chosen by the connector's cross-account settings.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kubeconfigFileName, kubeconfigYaml, type KubeconfigInput } from "./kubeconfig";

const CA = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64");
const golden = (name: string) => path.join(import.meta.dirname, "__golden__", name);

async function expectGolden(name: string, text: string) {
  // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing.
  if (process.env.UPDATE_GOLDEN) await writeFile(golden(name), text);
  expect(text).toBe(await readFile(golden(name), "utf8"));
}

const aws: KubeconfigInput = {
  clusterName: "prod-eks",
  region: "eu-west-1",
  partition: "aws",
  endpoint: "https://0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com",
  caData: CA,
  clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/prod-eks",
  connectorRef: "account.prod_aws",
};
const gov: KubeconfigInput = {
  clusterName: "gov-eks",
  region: "us-gov-west-1",
  partition: "aws-us-gov",
  endpoint: "https://FEDCBA9876543210.yl4.us-gov-west-1.eks.amazonaws.com",
  caData: CA,
  clusterArn: "arn:aws-us-gov:eks:us-gov-west-1:444455556666:cluster/gov-eks",
  roleArn: "arn:aws-us-gov:iam::444455556666:role/conduit-deployer",
  connectorRef: "gov_connector",
};

describe("kubeconfigYaml", () => {
  it("aws: aws eks get-token with the cluster's region, names = cluster ARN", async () => {
    await expectGolden("aws.kubeconfig.yaml", kubeconfigYaml(aws));
  });

  it("aws with a cross-account role: --role-arn", async () => {
    await expectGolden(
      "aws-role.kubeconfig.yaml",
      kubeconfigYaml({ ...aws, roleArn: "arn:aws:iam::999988887777:role/eks-deployer" }),
    );
  });

  it("aws-us-gov with a cross-account role", async () => {
    await expectGolden("aws-us-gov-role.kubeconfig.yaml", kubeconfigYaml(gov));
  });

  it("aws-us-gov with an external ID: aws-iam-authenticator, which can pass it", async () => {
    await expectGolden(
      "aws-us-gov-external-id.kubeconfig.yaml",
      kubeconfigYaml({ ...gov, externalId: "conduit-ext-42" }),
    );
  });

  it("is a valid kubeconfig whose context points at the cluster and user", () => {
    const k = parse(kubeconfigYaml(gov)) as {
      "current-context": string;
      contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
      clusters: Array<{ name: string; cluster: { server: string; "certificate-authority-data": string } }>;
      users: Array<{ name: string; user: { exec: { apiVersion: string; command: string; args: string[] } } }>;
    };
    const ctx = k.contexts.find((c) => c.name === k["current-context"])!;
    expect(k.clusters.find((c) => c.name === ctx.context.cluster)?.cluster).toEqual({
      server: gov.endpoint,
      "certificate-authority-data": CA,
    });
    const exec = k.users.find((u) => u.name === ctx.context.user)!.user.exec;
    expect(exec.apiVersion).toBe("client.authentication.k8s.io/v1beta1");
    expect(exec.args).toEqual([
      "--region",
      "us-gov-west-1",
      "eks",
      "get-token",
      "--cluster-name",
      "gov-eks",
      "--output",
      "json",
      "--role-arn",
      gov.roleArn,
    ]);
  });

  it("names the download after the cluster", () => {
    expect(kubeconfigFileName("prod-eks")).toBe("prod-eks-kubeconfig.yaml");
  });
});

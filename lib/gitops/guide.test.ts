// Golden files: every block of the setup guide for one commercial and one GovCloud setup, as the
// user copies it. `UPDATE_GOLDEN=1 npx vitest run lib/gitops/guide.test.ts` rewrites them;
// review the diff before committing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { generateGuide, secretName, type GuideBlock, type GuideInput } from "./guide";

const CA =
  "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=";

const inputs: Record<"aws" | "aws-us-gov", GuideInput> = {
  aws: {
    partition: "aws",
    managementAccountId: "111122223333",
    agentRoleArn: "arn:aws:iam::111122223333:role/ArgoCD",
    deployerRoleArn: "arn:aws:iam::444455556666:role/deploy/Deployer",
    oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    managementRegion: "us-east-1",
    agentNamespace: "gitops",
    clusterName: "testing",
    region: "eu-west-1",
    server: "https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com",
    caData: CA,
    displayName: "Testing (EU)",
  },
  "aws-us-gov": {
    partition: "aws-us-gov",
    managementAccountId: "123456789012",
    agentRoleArn: "arn:aws-us-gov:iam::123456789012:role/ArgoCD",
    deployerRoleArn: "arn:aws-us-gov:iam::123456789012:role/Deployer",
    oidcIssuer: null,
    managementRegion: "us-gov-west-1",
    agentNamespace: "iam",
    clusterName: "testing",
    region: "us-gov-east-1",
    server: "https://0123456789ABCDEF.yl4.us-gov-east-1.eks.amazonaws.com",
    caData: CA,
  },
};

const ext = { json: "json", shell: "sh", yaml: "yaml" } as const;
const goldenPath = (partition: string, b: GuideBlock) =>
  path.join(import.meta.dirname, "__golden__", partition, `${b.id}.${ext[b.language]}`);

describe.each(Object.entries(inputs))("setup guide golden files (%s)", (partition, input) => {
  const guide = generateGuide(input);

  it.each(guide.blocks.map((b) => [b.id, b] as const))("%s matches its golden file", (_id, block) => {
    const file = goldenPath(partition, block);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, block.content.endsWith("\n") ? block.content : `${block.content}\n`);
    }
    expect(existsSync(file), `${file} exists (run with UPDATE_GOLDEN=1 once)`).toBe(true);
    expect(block.content.replace(/\n?$/, "\n")).toBe(readFileSync(file, "utf8"));
  });

  it("uses only the partition's ARNs and parses as what it claims to be", () => {
    for (const b of guide.blocks) {
      const arns = b.content.match(/arn:[a-z-]+:/g) ?? [];
      expect(
        arns.every((a) => a === `arn:${partition}:`),
        `${b.id} ARNs in ${partition}`,
      ).toBe(true);
      if (b.language === "json") expect(() => JSON.parse(b.content)).not.toThrow();
      if (b.language === "yaml") expect(() => parse(b.content)).not.toThrow();
    }
  });
});

describe("setup guide details", () => {
  const aws = generateGuide(inputs.aws);
  const block = (g: ReturnType<typeof generateGuide>, id: string) => g.blocks.find((b) => b.id === id)!;

  it("the agent trust policy trusts the management cluster's provider for every service account of the namespace", () => {
    const p = JSON.parse(block(aws, "agentTrustPolicy").content);
    const hp = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    expect(p.Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${hp}` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { [`${hp}:aud`]: "sts.amazonaws.com" },
        StringLike: { [`${hp}:sub`]: "system:serviceaccount:gitops:*" },
      },
    });
    expect(block(aws, "agentTrustPolicy").placeholders).toEqual([]);
  });

  it("an unknown issuer becomes a placeholder the block names", () => {
    const gov = generateGuide(inputs["aws-us-gov"]);
    const b = block(gov, "agentTrustPolicy");
    expect(b.placeholders).toEqual(["<MANAGEMENT_CLUSTER_OIDC_ID>"]);
    expect(b.content).toContain(
      "arn:aws-us-gov:iam::123456789012:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/<MANAGEMENT_CLUSTER_OIDC_ID>",
    );
  });

  it("the Argo CD Secret carries awsAuthConfig and the CA, and its config is JSON", () => {
    const s = parse(block(aws, "argoClusterSecret").content);
    expect(s.metadata).toEqual({
      name: "cluster-testing-eu",
      namespace: "gitops",
      labels: { "argocd.argoproj.io/secret-type": "cluster" },
    });
    expect(s.stringData.server).toBe(inputs.aws.server);
    expect(JSON.parse(s.stringData.config)).toEqual({
      awsAuthConfig: { clusterName: "testing", roleARN: inputs.aws.deployerRoleArn },
      tlsClientConfig: { insecure: false, caData: CA },
    });
  });

  it("role commands use the role name and path from the ARN; GovCloud adds its region", () => {
    expect(block(aws, "deployerRoleCommands").content).toBe(
      "aws iam create-role --role-name Deployer --path /deploy/ --assume-role-policy-document file://deployer-trust.json",
    );
    expect(block(generateGuide(inputs["aws-us-gov"]), "agentRoleCommands").content).toMatch(/--region us-gov-west-1$/m);
  });

  it("the identity mapping names the role without its IAM path, as the authenticator sees sessions", () => {
    expect(block(aws, "identityMapping").content).toBe(
      "eksctl create iamidentitymapping --cluster testing --region eu-west-1 --arn arn:aws:iam::444455556666:role/Deployer --group system:masters --username deployer",
    );
  });

  it("secret names are DNS names", () => {
    expect(secretName("Prod_Cluster (EU)")).toBe("cluster-prod-cluster-eu");
    expect(secretName("***")).toBe("cluster-target");
  });
});

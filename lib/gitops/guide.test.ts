// Golden files: every block of the setup guide for one commercial and one GovCloud setup, per agent
// flavour (and the aws-auth variant of the cluster access step), as the user copies it. `UPDATE_GOLDEN=1 npx vitest run lib/gitops/guide.test.ts` rewrites them;
// review the diff before committing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { AGENT_FLAVOURS, type AgentFlavour } from "./flavours";
import { generateGuide, GUIDE_BLOCK_IDS, secretName, type GuideBlock, type GuideInput } from "./guide";

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
    managementClusterName: "management",
    agentNamespace: "gitops",
    flavour: "HARNESS_GITOPS_AGENT",
    clusterName: "testing",
    region: "eu-west-1",
    authenticationMode: "API",
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
    managementClusterName: "management",
    agentNamespace: "iam",
    flavour: "HARNESS_GITOPS_AGENT",
    clusterName: "testing",
    region: "us-gov-east-1",
    authenticationMode: null,
    server: "https://0123456789ABCDEF.yl4.us-gov-east-1.eks.amazonaws.com",
    caData: CA,
  },
};

const FLAVOUR_DIRS: Record<AgentFlavour, string> = { HARNESS_GITOPS_AGENT: "harness-gitops-agent", ARGO_CD: "argo-cd" };
const ext = { json: "json", shell: "sh", yaml: "yaml" } as const;
const goldenPath = (partition: string, flavour: AgentFlavour, b: GuideBlock, suffix = "") =>
  path.join(import.meta.dirname, "__golden__", partition, FLAVOUR_DIRS[flavour], `${b.id}${suffix}.${ext[b.language]}`);

function matchesGolden(file: string, content: string) {
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content.endsWith("\n") ? content : `${content}\n`);
  }
  expect(existsSync(file), `${file} exists (run with UPDATE_GOLDEN=1 once)`).toBe(true);
  expect(content.replace(/\n?$/, "\n")).toBe(readFileSync(file, "utf8"));
}

const cases = Object.entries(inputs).flatMap(([partition, input]) =>
  AGENT_FLAVOURS.map((flavour) => [partition, flavour, { ...input, flavour }] as const),
);

describe.each(cases)("setup guide golden files (%s, %s)", (partition, flavour, input) => {
  const guide = generateGuide(input);

  it("has every step of the document, in its order", () => {
    expect(guide.blocks.map((b) => b.id)).toEqual([...GUIDE_BLOCK_IDS]);
  });

  it.each(guide.blocks.map((b) => [b.id, b] as const))("%s matches its golden file", (_id, block) => {
    matchesGolden(goldenPath(partition, flavour, block), block.content);
  });

  it("a CONFIG_MAP target cluster gets the aws-auth mapping instead of an access entry", () => {
    const g = generateGuide({ ...input, authenticationMode: "CONFIG_MAP" });
    expect(g.accessMode).toBe("aws-auth");
    const access = g.blocks.find((b) => b.id === "clusterAccess")!;
    expect(access.content).toMatch(/^eksctl create iamidentitymapping /);
    matchesGolden(goldenPath(partition, flavour, access, ".config-map"), access.content);
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

describe("the Harness flavour's golden files follow the IAM-role document", () => {
  // The document's names: namespace iam, service accounts gitops-agent and
  // argocd-application-controller, fsGroup 999 on Deployment gitops-agent and StatefulSet
  // argocd-application-controller, role/ArgoCD trusted for system:serviceaccount:iam:*.
  const dir = path.join(import.meta.dirname, "__golden__", "aws-us-gov", FLAVOUR_DIRS.HARNESS_GITOPS_AGENT);
  const read = (f: string) => readFileSync(path.join(dir, f), "utf8");

  it("names the document's namespace, service accounts and fsGroup targets", () => {
    expect(read("agentNamespace.sh")).toBe("kubectl create namespace iam\n");
    const annotate = read("annotateServiceAccounts.sh");
    for (const sa of ["argocd-application-controller", "gitops-agent"]) {
      expect(annotate).toContain(`kubectl -n iam patch serviceaccount ${sa} --type merge -p`);
      expect(read("verifyServiceAccounts.sh")).toContain(`kubectl -n iam describe serviceaccount ${sa}`);
    }
    expect(annotate).toContain('"eks.amazonaws.com/role-arn":"arn:aws-us-gov:iam::123456789012:role/ArgoCD"');
    const fs = read("fsGroupPatch.sh");
    expect(fs).toContain("kubectl -n iam patch deployment gitops-agent");
    expect(fs).toContain("kubectl -n iam patch statefulset argocd-application-controller");
    expect(fs.match(/"fsGroup":999/g)).toHaveLength(2);
    expect(read("agentTrustPolicy.json")).toContain('"system:serviceaccount:iam:*"');
    expect(read("agentTrustPolicy.json")).toContain('"sts:AssumeRoleWithWebIdentity"');
    expect(read("deployerTrustPolicy.json")).toContain('"AWS": "arn:aws-us-gov:iam::123456789012:role/ArgoCD"');
    expect(read("clusterAccess.config-map.sh")).toContain("--group system:masters --username deployer");
    const all = GUIDE_BLOCK_IDS.map((id) =>
      readdirSync(dir)
        .filter((f) => f.startsWith(`${id}.`))
        .map(read)
        .join(""),
    ).join("");
    expect(all).not.toContain("argocd-server");
  });

  it("Argo CD patches argocd-server instead of gitops-agent", () => {
    const g = generateGuide({ ...inputs["aws-us-gov"], flavour: "ARGO_CD" });
    const text = (id: string) => g.blocks.find((b) => b.id === id)!.content;
    expect(text("fsGroupPatch")).toContain("patch deployment argocd-server");
    expect(text("annotateServiceAccounts")).toContain("patch serviceaccount argocd-server");
    expect(g.blocks.map((b) => b.content).join("")).not.toContain("gitops-agent");
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
    const s = parse(block(aws, "registerCluster").content);
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
      'aws iam create-role --role-name Deployer --path /deploy/ --assume-role-policy-document file://deployer-trust.json --description "IAM Role to be used by AWS to Deploy in the target cluster"',
    );
    expect(block(generateGuide(inputs["aws-us-gov"]), "agentRoleCommands").content).toMatch(/--region us-gov-west-1$/m);
  });

  it("the identity mapping names the role without its IAM path, as the authenticator sees sessions", () => {
    expect(block(generateGuide({ ...inputs.aws, authenticationMode: "CONFIG_MAP" }), "clusterAccess").content).toBe(
      "eksctl create iamidentitymapping --cluster testing --region eu-west-1 --arn arn:aws:iam::444455556666:role/Deployer --group system:masters --username deployer",
    );
  });

  it("API and API_AND_CONFIG_MAP clusters get an access entry with the cluster admin access policy", () => {
    for (const mode of ["API", "API_AND_CONFIG_MAP", null] as const) {
      expect(block(generateGuide({ ...inputs.aws, authenticationMode: mode }), "clusterAccess").content).toBe(
        [
          "aws eks create-access-entry --cluster-name testing --region eu-west-1 --principal-arn arn:aws:iam::444455556666:role/Deployer --type STANDARD --username deployer",
          "aws eks associate-access-policy --cluster-name testing --region eu-west-1 --principal-arn arn:aws:iam::444455556666:role/Deployer --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy --access-scope type=cluster",
        ].join("\n"),
      );
    }
  });

  it("secret names are DNS names", () => {
    expect(secretName("Prod_Cluster (EU)")).toBe("cluster-prod-cluster-eu");
    expect(secretName("***")).toBe("cluster-target");
  });
});

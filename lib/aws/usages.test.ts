// The catalogue of uses: golden files per use × partition (a missing one fails;
// `UPDATE_GOLDEN=1 npx vitest run lib/aws/usages.test.ts` rewrites them, review the diff), valid
// IAM JSON, every action of the document's policies present, names filled in, partitions right,
// and each use's checks allowed by its own policy under the emulator's IAM evaluator.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyDocument } from "@/e2e/fixtures/aws-emulator/policy";
import documentPolicies from "./__fixtures__/document-policies.json";
import { PARTITIONS, type Partition } from "./partitions";
import {
  BASE_STATEMENT,
  RESOURCE_KIND_INFO,
  RESOURCE_KINDS,
  USAGE_IDS,
  USAGES,
  checksForUsage,
  crossAccountBucketPolicy,
  customerPolicyArn,
  hasPlaceholder,
  managedPolicyArn,
  policyJson,
  MANAGED_POLICY_MAX_LENGTH,
  policyLength,
  splitPolicy,
  simulationBatches,
  statementToAdd,
  usageChecks,
  usageManagedPolicies,
  usagePolicy,
  usagePolicyCommands,
  type IamPolicy,
  type UsageContext,
  type UsageId,
  type UsageResources,
  type UsageSelection,
} from "./usages";

const CONTEXTS: Record<Partition, UsageContext> = {
  aws: { partition: "aws", region: "us-east-1", accountId: "111122223333" },
  "aws-us-gov": { partition: "aws-us-gov", region: "us-gov-west-1", accountId: "123456789012" },
  "aws-cn": { partition: "aws-cn", region: "cn-north-1", accountId: "210987654321" },
};
const NAMES: Required<UsageResources> = {
  bucket: ["conduit-artifacts", "conduit-releases"],
  repository: ["team/web"],
  cluster: ["production"],
  stack: ["eks-production"],
  function: ["orders-prod-api"],
};
const named = (id: UsageId): UsageSelection => ({
  id,
  resources: Object.fromEntries(USAGES[id].resourceKinds.map((k) => [k, NAMES[k]])),
});

const goldenDir = path.join(import.meta.dirname, "__golden__", "usages");
function matchesGolden(file: string, content: string) {
  const full = path.join(goldenDir, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  // A missing golden file fails (it is never written silently): UPDATE_GOLDEN=1 creates it.
  expect(existsSync(full), `${full} exists (run with UPDATE_GOLDEN=1 once)`).toBe(true);
  expect(content).toBe(readFileSync(full, "utf8"));
}

const statements = (p: IamPolicy) => p.Statement;
const actionsOf = (p: { Statement: unknown }) =>
  (Array.isArray(p.Statement) ? p.Statement : [p.Statement]).flatMap((s: { Action?: string | string[] }) =>
    [s.Action ?? []].flat(),
  );
const arnsOf = (p: IamPolicy) => statements(p).flatMap((s) => [s.Resource].flat());

function expectValidIam(p: IamPolicy) {
  expect(Object.keys(p)).toEqual(["Version", "Statement"]);
  expect(p.Version).toBe("2012-10-17");
  expect(p.Statement.length).toBeGreaterThan(0);
  const sids = p.Statement.map((s) => s.Sid);
  expect(new Set(sids).size).toBe(sids.length);
  for (const s of p.Statement) {
    expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(s.Effect).toBe("Allow");
    for (const a of [s.Action].flat()) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/);
    for (const r of [s.Resource].flat()) expect(r === "*" || r.startsWith("arn:")).toBe(true);
    expect(Object.keys(s).every((k) => ["Sid", "Effect", "Action", "Resource", "Condition"].includes(k))).toBe(true);
  }
  // What a user pastes: JSON that reads back to the same document.
  expect(JSON.parse(policyJson(p))).toEqual(p);
}

/** Each part is a managed policy IAM accepts (6144 characters without whitespace). */
function expectFitsIam(p: IamPolicy) {
  const parts = splitPolicy(p);
  for (const part of parts) {
    expectValidIam(part);
    expect(JSON.stringify(part).replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
  }
  expect(parts.flatMap((x) => x.Statement)).toEqual(p.Statement);
  return parts;
}

describe.each(PARTITIONS)("golden files (%s)", (partition) => {
  const ctx = CONTEXTS[partition];

  it.each(USAGE_IDS)("%s: policy, checks and managed policies match their golden file", (id) => {
    const sel = named(id);
    const doc = {
      policy: usagePolicy([sel], ctx),
      managedPolicies: usageManagedPolicies([sel], partition),
      checks: usageChecks([sel], ctx),
    };
    matchesGolden(path.join(partition, `${id}.json`), `${JSON.stringify(doc, null, 2)}\n`);
  });

  it("every use without names: the combined policy with its placeholders", () => {
    const policy = usagePolicy(
      USAGE_IDS.map((id) => ({ id })),
      { partition },
    );
    matchesGolden(path.join(partition, "all-uses.placeholders.json"), policyJson(policy));
  });

  it("the AWS CLI commands for a user and for a role", () => {
    const text = [
      "# user",
      ...usagePolicyCommands({ partition, accountId: ctx.accountId, principal: { type: "user", name: "conduit" } }),
      "# role, names not known yet",
      ...usagePolicyCommands({ partition, principal: { type: "role" } }),
      "",
    ].join("\n");
    matchesGolden(path.join(partition, "commands.sh"), text);
  });
});

describe("the catalogue", () => {
  it("lists each use once, with a label, a one-line description and checks", () => {
    expect(Object.keys(USAGES).sort()).toEqual([...USAGE_IDS].sort());
    for (const id of USAGE_IDS) {
      const u = USAGES[id];
      expect(u.id).toBe(id);
      expect(u.label.length).toBeGreaterThan(3);
      expect(u.description).not.toContain("\n");
      expect(u.description.length).toBeLessThanOrEqual(120);
      expect(u.checks.length).toBeGreaterThan(0);
      expect(u.statements.length).toBeGreaterThan(0);
      // A template's resource kind is one the use declares.
      for (const r of [...u.statements.flatMap((s) => s.resources), ...u.checks.map((c) => c.resource)]) {
        const kind = /\{(bucket|repository|cluster|stack|function)\}/.exec(r)?.[1];
        if (kind) expect(u.resourceKinds).toContain(kind);
      }
    }
  });

  it.each(PARTITIONS)("every use's policy is valid IAM JSON, with and without names (%s)", (partition) => {
    for (const id of USAGE_IDS) {
      for (const p of [usagePolicy([named(id)], CONTEXTS[partition]), usagePolicy([{ id }], { partition })]) {
        expectValidIam(p);
        // Every single use fits in one managed policy.
        expect(policyLength(p)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_LENGTH);
        expect(splitPolicy(p)).toEqual([p]);
      }
    }
    expectValidIam(usagePolicy([], { partition }));
    const all = usagePolicy(
      USAGE_IDS.map((id) => named(id)),
      CONTEXTS[partition],
    );
    expectValidIam(all);
    expectFitsIam(all);
    // Every use at once, with many buckets, is too long for one managed policy: split into parts that each fit.
    const buckets = Array.from({ length: 20 }, (_, i) => `conduit-bucket-${i}`);
    const big = usagePolicy(
      USAGE_IDS.map((id) => ({ id, resources: { ...named(id).resources, bucket: buckets } })),
      CONTEXTS[partition],
    );
    expect(policyLength(big)).toBeGreaterThan(MANAGED_POLICY_MAX_LENGTH);
    expect(expectFitsIam(big).length).toBeGreaterThan(1);
  });

  it("ec2:DescribeRegions is the first statement of every policy, even with no use chosen", () => {
    expect(usagePolicy([], { partition: "aws" }).Statement).toEqual([BASE_STATEMENT]);
    for (const id of USAGE_IDS)
      expect(usagePolicy([{ id }], { partition: "aws" }).Statement[0]).toEqual(BASE_STATEMENT);
    expect(usageChecks([], { partition: "aws" })).toEqual([
      { usage: "base", action: "ec2:DescribeRegions", resource: "*", context: [] },
    ]);
  });

  describe("every action of the document's policies is in the catalogue", () => {
    it.each(documentPolicies.policies.map((p) => [p.name, p] as const))("%s", (_name, doc) => {
      const policy =
        doc.usage === "base"
          ? usagePolicy([], { partition: "aws" })
          : usagePolicy([{ id: doc.usage as UsageId }], { partition: "aws" });
      const ours = new Set(actionsOf(policy).map((a) => a.toLowerCase()));
      const missing = actionsOf(doc.policy).filter((a) => !ours.has(a.toLowerCase()));
      expect(missing).toEqual([]);
    });

    it("push to ECR keeps the document's condition on iam:CreateServiceLinkedRole", () => {
      const s = usagePolicy([{ id: "ecr-push" }], { partition: "aws" }).Statement.find((x) =>
        [x.Action].flat().includes("iam:CreateServiceLinkedRole"),
      );
      expect(s?.Condition).toEqual({ StringEquals: { "iam:AWSServiceName": ["replication.ecr.amazonaws.com"] } });
    });

    it("names the document's managed policies", () => {
      const names = (id: UsageId) => USAGES[id].managedPolicies.map((p) => p.name);
      expect(names("s3-read")).toEqual(["AmazonS3ReadOnlyAccess"]);
      expect(names("ecr-pull")).toEqual(["AmazonEC2ContainerRegistryReadOnly"]);
      expect(names("ecr-push")).toEqual(["AmazonEC2ContainerRegistryFullAccess"]);
    });
  });

  it("fills the names in, one ARN per name, and keeps placeholders where none was given", () => {
    const p = usagePolicy([named("s3-read-write")], CONTEXTS.aws);
    expect(arnsOf(p)).toEqual(
      expect.arrayContaining([
        "arn:aws:s3:::conduit-artifacts",
        "arn:aws:s3:::conduit-releases",
        "arn:aws:s3:::conduit-artifacts/*",
        "arn:aws:s3:::conduit-releases/*",
      ]),
    );
    expect(arnsOf(p).some(hasPlaceholder)).toBe(false);

    const bare = usagePolicy([{ id: "s3-read-write" }, { id: "ecr-pull" }], { partition: "aws" });
    expect(arnsOf(bare)).toEqual(
      expect.arrayContaining([
        "arn:aws:s3:::<bucket-name>",
        "arn:aws:s3:::<bucket-name>/*",
        "arn:aws:ecr:*:*:repository/<repository-name>",
      ]),
    );
    for (const id of USAGE_IDS) {
      expect(arnsOf(usagePolicy([named(id)], CONTEXTS.aws)).some(hasPlaceholder)).toBe(false);
      const placeholders = arnsOf(usagePolicy([{ id }], { partition: "aws" })).filter(hasPlaceholder);
      expect(placeholders.length > 0).toBe(USAGES[id].resourceKinds.length > 0);
    }
    // Region and account fill the regional ARNs.
    expect(arnsOf(usagePolicy([named("eks-deploy")], CONTEXTS.aws))).toContain(
      "arn:aws:eks:us-east-1:111122223333:cluster/production",
    );
  });

  it("names of one kind do not leak into another use's resources", () => {
    const p = usagePolicy([{ id: "ecr-pull", resources: { repository: ["web"] } }, { id: "s3-write" }], {
      partition: "aws",
    });
    expect(arnsOf(p)).toContain("arn:aws:s3:::<bucket-name>/*");
    expect(arnsOf(p)).toContain("arn:aws:ecr:*:*:repository/web");
  });

  it("a statement two uses share appears once; Sids stay unique", () => {
    const p = usagePolicy([{ id: "ecr-pull" }, { id: "ecr-push" }], { partition: "aws" });
    expect(p.Statement.filter((s) => s.Action === "ecr:GetAuthorizationToken")).toHaveLength(1);
    const differentBuckets = usagePolicy(
      [
        { id: "s3-write", resources: { bucket: ["a-bucket"] } },
        { id: "s3-read-write", resources: { bucket: ["b-bucket"] } },
      ],
      { partition: "aws" },
    );
    expectValidIam(differentBuckets);
  });

  it.each(PARTITIONS)("every ARN is in its partition (%s)", (partition) => {
    const all = USAGE_IDS.map((id) => named(id));
    for (const arn of arnsOf(usagePolicy(all, CONTEXTS[partition])).filter((a) => a !== "*")) {
      expect(arn.startsWith(`arn:${partition}:`)).toBe(true);
    }
    for (const c of usageChecks(all, CONTEXTS[partition]).filter((c) => c.resource !== "*")) {
      expect(c.resource.startsWith(`arn:${partition}:`)).toBe(true);
    }
    for (const m of usageManagedPolicies(all, partition)) {
      expect(m.arn).toBe(`arn:${partition}:iam::aws:policy/${m.name}`);
    }
    expect(managedPolicyArn(partition, "AmazonS3ReadOnlyAccess")).toBe(
      `arn:${partition}:iam::aws:policy/AmazonS3ReadOnlyAccess`,
    );
    expect(customerPolicyArn(partition, "111122223333", "P")).toBe(`arn:${partition}:iam::111122223333:policy/P`);
  });

  it("the CLI commands create the policy and attach it with a partition-correct ARN", () => {
    expect(
      usagePolicyCommands({ partition: "aws", accountId: "111122223333", principal: { type: "role", name: "r" } }),
    ).toEqual([
      "aws iam create-policy --policy-name ConduitConnector --policy-document file://conduit-connector-policy.json",
      "aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::111122223333:policy/ConduitConnector",
    ]);
    expect(
      usagePolicyCommands({
        partition: "aws",
        accountId: "111122223333",
        principal: { type: "user", name: "u" },
        policyCount: 2,
      }),
    ).toEqual([
      "aws iam create-policy --policy-name ConduitConnector1 --policy-document file://conduit-connector-policy-1.json",
      "aws iam attach-user-policy --user-name u --policy-arn arn:aws:iam::111122223333:policy/ConduitConnector1",
      "aws iam create-policy --policy-name ConduitConnector2 --policy-document file://conduit-connector-policy-2.json",
      "aws iam attach-user-policy --user-name u --policy-arn arn:aws:iam::111122223333:policy/ConduitConnector2",
    ]);
    const gov = usagePolicyCommands({ partition: "aws-us-gov", policyName: "Deploy", principal: { type: "user" } });
    expect(gov[1]).toBe(
      "aws iam attach-user-policy --user-name <user-name> --policy-arn arn:aws-us-gov:iam::<account-id>:policy/Deploy --region us-gov-west-1",
    );
  });

  it("checks use `*` where a resource has no name, and one check per named resource", () => {
    const bare = checksForUsage({ id: "s3-read" }, { partition: "aws" });
    expect(bare.map((c) => c.resource)).toEqual(["*", "*"]);
    const two = checksForUsage(named("s3-read"), CONTEXTS.aws);
    expect(two.map((c) => `${c.action} ${c.resource}`)).toEqual([
      "s3:ListBucket arn:aws:s3:::conduit-artifacts",
      "s3:ListBucket arn:aws:s3:::conduit-releases",
      "s3:GetObject arn:aws:s3:::conduit-artifacts/*",
      "s3:GetObject arn:aws:s3:::conduit-releases/*",
    ]);
  });

  it("groups the checks into SimulatePrincipalPolicy calls by resource and context", () => {
    const checks = usageChecks([named("ecr-pull"), named("ecr-push")], CONTEXTS.aws);
    const batches = simulationBatches(checks);
    const repo = "arn:aws:ecr:us-east-1:111122223333:repository/team/web";
    expect(batches.map((b) => b.resource)).toEqual(["*", repo, "*"]);
    expect(batches[0]!.actions).toEqual([
      "ec2:DescribeRegions",
      "ecr:GetAuthorizationToken",
      "cloudtrail:LookupEvents",
    ]);
    expect(batches[1]!.actions).toContain("ecr:BatchGetImage");
    expect(batches[1]!.actions).toContain("ecr:PutImage");
    expect(batches[2]).toEqual({
      resource: "*",
      context: [{ key: "iam:AWSServiceName", values: ["replication.ecr.amazonaws.com"] }],
      actions: ["iam:CreateServiceLinkedRole"],
    });
    // Every check is asked once.
    const asked = batches.flatMap((b) => b.actions.map((a) => JSON.stringify([a, b.resource, b.context])));
    expect(new Set(asked)).toEqual(new Set(checks.map((c) => JSON.stringify([c.action, c.resource, c.context]))));
  });

  it("the cross-account use says what the bucket owner grants", () => {
    expect(USAGES["s3-cross-account"].notes.join(" ")).toMatch(/bucket owner/i);
    const p = crossAccountBucketPolicy("aws-cn", "arn:aws-cn:iam::111122223333:role/conduit", "shared");
    expect(p.Statement.map((s) => s.Resource)).toEqual(["arn:aws-cn:s3:::shared", "arn:aws-cn:s3:::shared/*"]);
    expect(p.Statement.every((s) => s.Principal.AWS === "arn:aws-cn:iam::111122223333:role/conduit")).toBe(true);
  });

  it("Deploy to EKS says when IRSA is needed (Fargate)", () => {
    expect(USAGES["eks-deploy"].irsa).toMatch(/Fargate/);
  });

  it("every resource kind has a placeholder and a pattern that accepts a usual name", () => {
    for (const k of RESOURCE_KINDS) {
      expect(RESOURCE_KIND_INFO[k].placeholder).toMatch(/^<[a-z-]+>$/);
      for (const n of NAMES[k]) expect(RESOURCE_KIND_INFO[k].pattern.test(n)).toBe(true);
    }
    expect(RESOURCE_KIND_INFO.bucket.pattern.test("Bad_Bucket")).toBe(false);
    expect(RESOURCE_KIND_INFO.repository.pattern.test("Team/Web")).toBe(false);
    expect(RESOURCE_KIND_INFO.cluster.pattern.test("-x")).toBe(false);
  });
});

describe("each use's checks are allowed by its own policy (the emulator's IAM evaluator)", () => {
  const decide = (
    policy: IamPolicy | PolicyDocument,
    c: { action: string; resource: string; context: { key: string; values: string[] }[] },
  ) =>
    evaluatePolicies([{ id: "ConduitConnector", type: "user-managed", document: policy as PolicyDocument }], {
      action: c.action,
      resource: c.resource,
      context: Object.fromEntries(c.context.map((e) => [e.key, e.values])),
    }).decision;

  it.each(PARTITIONS.flatMap((p) => USAGE_IDS.map((id) => [p, id] as const)))("%s %s", (partition, id) => {
    const ctx = CONTEXTS[partition];
    const policy = usagePolicy([named(id)], ctx);
    for (const c of usageChecks([named(id)], ctx))
      expect([c.action, c.resource, decide(policy, c)]).toEqual([c.action, c.resource, "allowed"]);
  });

  it("every check of every use, against the combined policy", () => {
    const all = USAGE_IDS.map((id) => named(id));
    const policy = usagePolicy(all, CONTEXTS.aws);
    for (const c of usageChecks(all, CONTEXTS.aws)) expect(decide(policy, c)).toBe("allowed");
  });

  it("another use's policy does not pass a check: pulling from ECR does not allow pushing", () => {
    const policy = usagePolicy([named("ecr-pull")], CONTEXTS.aws);
    const push = usageChecks([named("ecr-push")], CONTEXTS.aws).find((c) => c.action === "ecr:PutImage")!;
    expect(decide(policy, push)).toBe("implicitDeny");
  });

  it("the condition needs its context entry: iam:CreateServiceLinkedRole for another service is denied", () => {
    const policy = usagePolicy([named("ecr-push")], CONTEXTS.aws);
    const c = usageChecks([named("ecr-push")], CONTEXTS.aws).find((x) => x.action === "iam:CreateServiceLinkedRole")!;
    expect(decide(policy, c)).toBe("allowed");
    expect(decide(policy, { ...c, context: [{ key: "iam:AWSServiceName", values: ["eks.amazonaws.com"] }] })).toBe(
      "implicitDeny",
    );
  });

  it("a denied check is allowed once its suggested statement is added", () => {
    const policy = usagePolicy([], CONTEXTS.aws);
    for (const c of usageChecks([named("ecr-push"), named("eks-deploy")], CONTEXTS.aws)) {
      const fixed = { ...policy, Statement: [...policy.Statement, statementToAdd(c)] };
      expect(decide(fixed, c)).toBe("allowed");
      expectValidIam(fixed);
    }
    expect(
      statementToAdd({
        action: "ecr:BatchGetImage",
        resource: "arn:aws:ecr:us-east-1:111122223333:repository/web",
        context: [],
      }),
    ).toEqual({
      Sid: "AllowEcrBatchGetImage",
      Effect: "Allow",
      Action: "ecr:BatchGetImage",
      Resource: "arn:aws:ecr:us-east-1:111122223333:repository/web",
    });
  });
});

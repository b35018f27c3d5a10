import { describe, expect, it } from "vitest";
import {
  DEFAULT_REGION,
  REGIONS,
  REGION_CODES,
  arnPartitionMatchesRegion,
  isIamRoleArn,
  isKnownRegion,
  parseArn,
  partitionArn,
  partitionOf,
  regionLabel,
} from "./partitions";

describe("partitionOf", () => {
  it.each([
    ["us-east-1", "aws"],
    ["eu-central-2", "aws"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-gov-east-1", "aws-us-gov"],
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    // Not GovCloud: the pattern needs a direction and a number.
    ["us-gov", "aws"],
    ["us-govcloud-1", "aws"],
  ])("%s → %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe("REGIONS", () => {
  const required = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "af-south-1",
    "ap-east-1",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-south-1",
    "eu-south-2",
    "eu-north-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "sa-east-1",
    "mx-central-1",
    "us-gov-west-1",
    "us-gov-east-1",
    "cn-north-1",
    "cn-northwest-1",
  ];

  it("has every required region once, with a label and its partition", () => {
    expect(new Set(REGION_CODES).size).toBe(REGION_CODES.length);
    for (const code of required) expect(REGION_CODES, code).toContain(code);
    for (const r of REGIONS) {
      expect(r.label.length).toBeGreaterThan(3);
      expect(r.partition).toBe(partitionOf(r.code));
    }
    expect(REGION_CODES).toContain(DEFAULT_REGION);
  });

  it("uses the console's labels", () => {
    expect(regionLabel("us-east-1")).toBe("US East (N. Virginia)");
    expect(regionLabel("us-gov-west-1")).toBe("AWS GovCloud (US-West)");
    expect(regionLabel("cn-north-1")).toBe("China (Beijing)");
    expect(regionLabel("xx-nowhere-1")).toBe("xx-nowhere-1");
    expect(isKnownRegion("eu-west-1")).toBe(true);
    expect(isKnownRegion("eu-west-9")).toBe(false);
  });

  it("puts GovCloud and China in their own partitions", () => {
    const by = (p: string) =>
      REGIONS.filter((r) => r.partition === p)
        .map((r) => r.code)
        .sort();
    expect(by("aws-us-gov")).toEqual(["us-gov-east-1", "us-gov-west-1"]);
    expect(by("aws-cn")).toEqual(["cn-north-1", "cn-northwest-1"]);
  });
});

describe("parseArn", () => {
  it("splits a role ARN", () => {
    expect(parseArn("arn:aws:iam::123456789012:role/path/deployer")).toEqual({
      partition: "aws",
      service: "iam",
      region: "",
      accountId: "123456789012",
      resource: "role/path/deployer",
    });
  });

  it("keeps colons in the resource and allows empty region and account", () => {
    expect(parseArn("arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:/a/b:*")).toMatchObject({
      partition: "aws-us-gov",
      region: "us-gov-west-1",
      resource: "log-group:/a/b:*",
    });
    expect(parseArn("arn:aws-cn:s3:::bucket/key")).toMatchObject({
      partition: "aws-cn",
      accountId: "",
      resource: "bucket/key",
    });
    expect(parseArn("arn:aws:iam::aws:policy/ReadOnlyAccess")?.accountId).toBe("aws");
  });

  it.each([
    "",
    "arn:aws:iam::123456789012",
    "arn:aws:iam::123456789012:",
    "aws:iam::123456789012:role/x",
    "arn:aws-iso:iam::123456789012:role/x",
    "arn:aws:iam::12345:role/x",
    "arn:aws:IAM::123456789012:role/x",
    "arn:aws:iam::123456789012:role/x\ny",
    `arn:aws:s3:::${"a".repeat(2100)}`,
  ])("rejects %j", (arn) => {
    expect(parseArn(arn)).toBeNull();
  });
});

describe("isIamRoleArn", () => {
  it.each([
    "arn:aws:iam::123456789012:role/deployer",
    "arn:aws:iam::123456789012:role/service-role/team/deployer",
    "arn:aws-us-gov:iam::123456789012:role/gov",
    "arn:aws-cn:iam::123456789012:role/cn",
    "arn:aws:iam::123456789012:role/a+b=c,d.e@f-g_h",
    `arn:aws:iam::123456789012:role/${"r".repeat(64)}`,
  ])("accepts %s", (arn) => {
    expect(isIamRoleArn(arn)).toBe(true);
  });

  it.each([
    `arn:aws:iam::123456789012:role/${"r".repeat(65)}`,
    "arn:aws:iam::12345678901:role/x",
    "arn:aws:iam:us-east-1:123456789012:role/x",
    "arn:aws:iam::123456789012:user/x",
    "arn:aws:sts::123456789012:assumed-role/x/session",
    "arn:aws:iam::123456789012:role/",
    "arn:aws:iam::123456789012:role//x",
    "arn:aws:iam::123456789012:role/has space",
    "arn:aws:iam::123456789012:role/star*",
    "arn:aws:iam::aws:role/x",
    `arn:aws:iam::123456789012:role/${"p/".repeat(300)}x`,
    "not an arn",
  ])("rejects %s", (arn) => {
    expect(isIamRoleArn(arn)).toBe(false);
  });
});

describe("arnPartitionMatchesRegion / partitionArn", () => {
  it("compares the ARN's partition with the region's", () => {
    expect(arnPartitionMatchesRegion("arn:aws:iam::123456789012:role/x", "us-east-1")).toBe(true);
    expect(arnPartitionMatchesRegion("arn:aws:iam::123456789012:role/x", "us-gov-west-1")).toBe(false);
    expect(arnPartitionMatchesRegion("arn:aws-us-gov:iam::123456789012:role/x", "us-gov-east-1")).toBe(true);
    expect(arnPartitionMatchesRegion("arn:aws-cn:iam::123456789012:role/x", "cn-northwest-1")).toBe(true);
    expect(arnPartitionMatchesRegion("garbage", "us-east-1")).toBe(false);
  });

  it("builds ARNs that parse back", () => {
    const arn = partitionArn("aws-us-gov", "eks", "us-gov-west-1", "123456789012", "cluster/prod");
    expect(arn).toBe("arn:aws-us-gov:eks:us-gov-west-1:123456789012:cluster/prod");
    expect(parseArn(arn)).toEqual({
      partition: "aws-us-gov",
      service: "eks",
      region: "us-gov-west-1",
      accountId: "123456789012",
      resource: "cluster/prod",
    });
    expect(isIamRoleArn(partitionArn("aws-cn", "iam", "", "123456789012", "role/x"))).toBe(true);
  });
});

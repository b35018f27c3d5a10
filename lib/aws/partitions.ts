// AWS partitions, regions and ARNs. Pure (no SDK, no I/O) so the browser form and the server
// agree on what a valid region or role ARN is without shipping the AWS SDK to the client.

export const PARTITIONS = ["aws", "aws-us-gov", "aws-cn"] as const;
export type Partition = (typeof PARTITIONS)[number];

/** Human names used in messages ("a GovCloud test region"). */
export const PARTITION_LABELS: Record<Partition, string> = {
  aws: "commercial",
  "aws-us-gov": "GovCloud",
  "aws-cn": "China",
};

export interface RegionInfo {
  code: string;
  label: string;
  partition: Partition;
}

// Labels follow the AWS SDK's partition metadata (the console's names). The commercial list is
// the SDK's `aws` partition at the time of writing, including the 2025/26 launches; order is the
// console's grouping, which is what people scan for in a select.
const COMMERCIAL: ReadonlyArray<readonly [string, string]> = [
  ["us-east-1", "US East (N. Virginia)"],
  ["us-east-2", "US East (Ohio)"],
  ["us-west-1", "US West (N. California)"],
  ["us-west-2", "US West (Oregon)"],
  ["af-south-1", "Africa (Cape Town)"],
  ["ap-east-1", "Asia Pacific (Hong Kong)"],
  ["ap-east-2", "Asia Pacific (Taipei)"],
  ["ap-south-1", "Asia Pacific (Mumbai)"],
  ["ap-south-2", "Asia Pacific (Hyderabad)"],
  ["ap-southeast-1", "Asia Pacific (Singapore)"],
  ["ap-southeast-2", "Asia Pacific (Sydney)"],
  ["ap-southeast-3", "Asia Pacific (Jakarta)"],
  ["ap-southeast-4", "Asia Pacific (Melbourne)"],
  ["ap-southeast-5", "Asia Pacific (Malaysia)"],
  ["ap-southeast-6", "Asia Pacific (New Zealand)"],
  ["ap-southeast-7", "Asia Pacific (Thailand)"],
  ["ap-northeast-1", "Asia Pacific (Tokyo)"],
  ["ap-northeast-2", "Asia Pacific (Seoul)"],
  ["ap-northeast-3", "Asia Pacific (Osaka)"],
  ["ca-central-1", "Canada (Central)"],
  ["ca-west-1", "Canada West (Calgary)"],
  ["eu-central-1", "Europe (Frankfurt)"],
  ["eu-central-2", "Europe (Zurich)"],
  ["eu-west-1", "Europe (Ireland)"],
  ["eu-west-2", "Europe (London)"],
  ["eu-west-3", "Europe (Paris)"],
  ["eu-south-1", "Europe (Milan)"],
  ["eu-south-2", "Europe (Spain)"],
  ["eu-north-1", "Europe (Stockholm)"],
  ["il-central-1", "Israel (Tel Aviv)"],
  ["me-south-1", "Middle East (Bahrain)"],
  ["me-central-1", "Middle East (UAE)"],
  ["me-west-1", "Middle East (Saudi Arabia)"],
  ["mx-central-1", "Mexico (Central)"],
  ["sa-east-1", "South America (São Paulo)"],
  ["sa-west-1", "South America (Chile)"],
];
const OTHER: ReadonlyArray<readonly [string, string]> = [
  ["us-gov-west-1", "AWS GovCloud (US-West)"],
  ["us-gov-east-1", "AWS GovCloud (US-East)"],
  ["cn-north-1", "China (Beijing)"],
  ["cn-northwest-1", "China (Ningxia)"],
];

export const REGIONS: readonly RegionInfo[] = [...COMMERCIAL, ...OTHER].map(([code, label]) => ({
  code,
  label,
  partition: partitionOf(code),
}));

/** Region codes as a non-empty tuple, the shape `z.enum` wants. */
export const REGION_CODES = REGIONS.map((r) => r.code) as [string, ...string[]];
export const DEFAULT_REGION = "us-east-1";

const REGION_BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function isKnownRegion(region: string): boolean {
  return REGION_BY_CODE.has(region);
}

export function regionLabel(region: string): string {
  return REGION_BY_CODE.get(region)?.label ?? region;
}

/** The partition a region belongs to; anything that is neither GovCloud nor China is commercial. */
export function partitionOf(region: string): Partition {
  if (/^us-gov-\w+-\d+$/.test(region)) return "aws-us-gov";
  if (/^cn-/.test(region)) return "aws-cn";
  return "aws";
}

export interface ParsedArn {
  partition: Partition;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

const ARN_HEAD = /^arn:(aws|aws-us-gov|aws-cn):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/;

/**
 * Splits `arn:<partition>:<service>:<region>:<account>:<resource>`. The resource keeps any
 * further colons. Partitions Conduit cannot reach (aws-iso*, eusc) return null on purpose.
 */
export function parseArn(arn: string): ParsedArn | null {
  if (arn.length > 2048) return null;
  const m = ARN_HEAD.exec(arn);
  if (!m) return null;
  const [, partition, service, region, accountId, resource] = m;
  if (!partition || !service || region === undefined || accountId === undefined || !resource) return null;
  return { partition: partition as Partition, service, region, accountId, resource };
}

// IAM's own rules: path is "/" or "/seg/.../" (≤ 512 chars), role name ≤ 64 chars, both from
// [\w+=,.@-]. The path regex is on the resource part only, after "role".
const ROLE_RESOURCE = /^role((?:\/[\w+=,.@-]+)*\/)([\w+=,.@-]{1,64})$/;

export function isIamRoleArn(arn: string): boolean {
  const p = parseArn(arn);
  if (!p || p.service !== "iam" || p.region !== "" || !/^\d{12}$/.test(p.accountId)) return false;
  const m = ROLE_RESOURCE.exec(p.resource);
  return !!m && (m[1]?.length ?? 0) <= 512;
}

/** False for an unparsable ARN as well: callers use it after isIamRoleArn, never as a validator. */
export function arnPartitionMatchesRegion(arn: string, region: string): boolean {
  const p = parseArn(arn);
  return !!p && p.partition === partitionOf(region);
}

/** Builds an ARN in the given partition; hard-coding `arn:aws:` breaks GovCloud and China. */
export function partitionArn(
  partition: Partition,
  service: string,
  region: string,
  accountId: string,
  resource: string,
): string {
  return `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
}

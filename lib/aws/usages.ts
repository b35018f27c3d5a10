// What a connector is for, and the IAM permissions each use needs: the catalogue of uses from the
// AWS connector document (../shared/seeds/aws-connector-settings-reference.txt), in every
// partition. Pure data and functions (no zod, no SDK) so the wizard, the API and the connection
// test read the same table:
// - `usagePolicy`: the combined least-privilege identity policy for the chosen uses, with the
//   resource names filled in (placeholders such as `<bucket-name>` kept where none was given);
// - `usagePolicyCommands`: the AWS CLI commands that create it and attach it to a user or role;
// - `usageChecks`: the (action, resource, context) triples iam:SimulatePrincipalPolicy checks,
//   and `statementToAdd` for one that was denied.
// `ec2:DescribeRegions` is part of every connector (BASE_STATEMENT), never a choosable use.
import type { Partition } from "./partitions";

// ── Resources ─────────────────────────────────────────────────────────────────────────────

export const RESOURCE_KINDS = ["bucket", "repository", "cluster", "stack", "function"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface ResourceKindInfo {
  label: string;
  /** What stands in the policy until a name is given. */
  placeholder: string;
  /** The service's own naming rule (validated by the connector schema). */
  pattern: RegExp;
  /** Said when a name does not match `pattern`. */
  rule: string;
  maxLength: number;
}

export const RESOURCE_KIND_INFO: Record<ResourceKind, ResourceKindInfo> = {
  bucket: {
    label: "S3 bucket",
    placeholder: "<bucket-name>",
    // S3's rules: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.
    pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    rule: "A bucket name is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
    maxLength: 63,
  },
  repository: {
    label: "ECR repository",
    placeholder: "<repository-name>",
    // ECR's rule: lowercase path segments separated by `/`, each made of [a-z0-9] runs joined by . _ -
    pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    rule: "A repository name is lowercase letters and digits, joined by . _ - and / (for namespaces), up to 256 characters",
    maxLength: 256,
  },
  cluster: {
    label: "EKS cluster",
    placeholder: "<cluster-name>",
    pattern: /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
    rule: "A cluster name is 1 to 100 letters, digits, hyphens and underscores, starting with a letter or digit",
    maxLength: 100,
  },
  stack: {
    label: "CloudFormation stack",
    placeholder: "<stack-name>",
    pattern: /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
    rule: "A stack name is 1 to 128 letters, digits and hyphens, starting with a letter",
    maxLength: 128,
  },
  function: {
    label: "Lambda function",
    placeholder: "<function-name>",
    pattern: /^[A-Za-z0-9_-]{1,64}$/,
    rule: "A function name is 1 to 64 letters, digits, hyphens and underscores",
    maxLength: 64,
  },
};

export const MAX_RESOURCE_NAMES = 20;

/** The names a use's resources are given; a kind left out keeps its placeholder. */
export type UsageResources = Partial<Record<ResourceKind, string[]>>;

/** One chosen use as a connector stores it. */
export interface UsageSelection {
  id: UsageId;
  resources?: UsageResources;
}

/** Where the ARNs point: the partition (from the connector's region), and optionally region and account. */
export interface UsageContext {
  partition: Partition;
  /** Region of regional resources (ECR, EKS, CloudFormation, Lambda); `*` when not given. */
  region?: string;
  /** Account of the resources; `*` when not given. */
  accountId?: string;
}

// ── Policy documents ──────────────────────────────────────────────────────────────────────

export type PolicyCondition = Record<string, Record<string, string | string[]>>;

export interface IamStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: string | string[];
  Condition?: PolicyCondition;
}

export interface IamPolicy {
  Version: "2012-10-17";
  Statement: IamStatement[];
}

export const POLICY_VERSION = "2012-10-17" as const;

/**
 * A statement template. Resource templates name ARN parts with `{partition}`, `{region}`,
 * `{account}` and one resource kind (`{bucket}`); a template with a kind becomes one ARN per name.
 */
interface StatementTemplate {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: PolicyCondition;
}

/** A permission SimulatePrincipalPolicy checks for a use; `resource` is a template as above. */
interface CheckTemplate {
  action: string;
  resource: string;
  context?: { key: string; values: string[] }[];
}

export interface ManagedPolicy {
  name: string;
  /** Why it is named: the document's policy for this use, or a broader alternative. */
  note: string;
}

export interface Usage {
  id: UsageId;
  label: string;
  /** One line for the wizard's card. */
  description: string;
  /** The resource kinds whose names narrow the policy. */
  resourceKinds: readonly ResourceKind[];
  statements: StatementTemplate[];
  /** The AWS managed policies the document names for this use. */
  managedPolicies: ManagedPolicy[];
  checks: CheckTemplate[];
  /** What else has to be true (outside the connector's identity policy). */
  notes: string[];
  /** When the connector must use IRSA for this use, why; absent when any credential type works. */
  irsa?: string;
}

const S3_BUCKET = "arn:{partition}:s3:::{bucket}";
const S3_OBJECTS = "arn:{partition}:s3:::{bucket}/*";
const ECR_REPOSITORY = "arn:{partition}:ecr:{region}:{account}:repository/{repository}";
const EKS_CLUSTER = "arn:{partition}:eks:{region}:{account}:cluster/{cluster}";
const CFN_STACK = "arn:{partition}:cloudformation:{region}:{account}:stack/{stack}/*";
const LAMBDA_FUNCTION = "arn:{partition}:lambda:{region}:{account}:function:{function}";

/** `ec2:DescribeRegions`: every connector lists the account's regions with it. */
export const BASE_STATEMENT: IamStatement = {
  Sid: "ConduitDescribeRegions",
  Effect: "Allow",
  Action: "ec2:DescribeRegions",
  Resource: "*",
};
export const BASE_CHECK = { action: "ec2:DescribeRegions", resource: "*" } as const;

// The document's AmazonS3ReadOnlyAccess, AmazonEC2ContainerRegistryReadOnly and
// AmazonEC2ContainerRegistryFullAccess, and its read/write, CloudFormation and Serverless lists.
const S3_READ_ONLY_ACTIONS = ["s3:Get*", "s3:List*"];
const S3_CONSOLE_ACTIONS = [
  "s3:GetAccountPublicAccessBlock",
  "s3:GetBucketAcl",
  "s3:GetBucketLocation",
  "s3:GetBucketPolicyStatus",
  "s3:GetBucketPublicAccessBlock",
  "s3:ListAllMyBuckets",
];
const ECR_PULL_ACTIONS = [
  "ecr:GetAuthorizationToken",
  "ecr:BatchCheckLayerAvailability",
  "ecr:GetDownloadUrlForLayer",
  "ecr:GetRepositoryPolicy",
  "ecr:DescribeRepositories",
  "ecr:ListImages",
  "ecr:DescribeImages",
  "ecr:BatchGetImage",
];
const ECR_REPLICATION_CONDITION: PolicyCondition = {
  StringEquals: { "iam:AWSServiceName": ["replication.ecr.amazonaws.com"] },
};
const EKS_FULL_ACTIONS = ["autoscaling:*", "cloudformation:*", "ec2:*", "eks:*", "iam:*", "ssm:*"];
const EKS_LIMITED_STACK_ACTIONS = ["cloudformation:CreateStack", "cloudformation:DescribeStacks"];
const EKS_LIMITED_ACTIONS = [
  "autoscaling:CreateAutoScalingGroup",
  "autoscaling:DescribeAutoScalingGroups",
  "autoscaling:DescribeScalingActivities",
  "autoscaling:UpdateAutoScalingGroup",
  "autoscaling:CreateLaunchConfiguration",
  "autoscaling:DescribeLaunchConfigurations",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
  "ec2:CreateSecurityGroup",
  "ec2:CreateTags",
  "ec2:DescribeImages",
  "ec2:DescribeKeyPairs",
  "ec2:DescribeRegions",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
  "ec2:DescribeVpcs",
  "eks:CreateCluster",
  "eks:DescribeCluster",
  "iam:AddRoleToInstanceProfile",
  "iam:AttachRolePolicy",
  "iam:CreateRole",
  "iam:CreateInstanceProfile",
  "iam:CreateServiceLinkedRole",
  "iam:GetRole",
  "iam:ListRoles",
  "iam:PassRole",
  "ssm:GetParameters",
];
// Serverless's IAMCredentials.json ("Limited Access"), lambda:* aside (it is narrowed to the functions).
const SERVERLESS_ACTIONS = [
  "apigateway:*",
  "cloudformation:CancelUpdateStack",
  "cloudformation:ContinueUpdateRollback",
  "cloudformation:CreateChangeSet",
  "cloudformation:CreateStack",
  "cloudformation:CreateUploadBucket",
  "cloudformation:DeleteStack",
  "cloudformation:Describe*",
  "cloudformation:EstimateTemplateCost",
  "cloudformation:ExecuteChangeSet",
  "cloudformation:Get*",
  "cloudformation:List*",
  "cloudformation:UpdateStack",
  "cloudformation:UpdateTerminationProtection",
  "cloudformation:ValidateTemplate",
  "dynamodb:CreateTable",
  "dynamodb:DeleteTable",
  "dynamodb:DescribeTable",
  "dynamodb:DescribeTimeToLive",
  "dynamodb:UpdateTimeToLive",
  "ec2:AttachInternetGateway",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CreateInternetGateway",
  "ec2:CreateNetworkAcl",
  "ec2:CreateNetworkAclEntry",
  "ec2:CreateRouteTable",
  "ec2:CreateSecurityGroup",
  "ec2:CreateSubnet",
  "ec2:CreateTags",
  "ec2:CreateVpc",
  "ec2:DeleteInternetGateway",
  "ec2:DeleteNetworkAcl",
  "ec2:DeleteNetworkAclEntry",
  "ec2:DeleteRouteTable",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteSubnet",
  "ec2:DeleteVpc",
  "ec2:Describe*",
  "ec2:DetachInternetGateway",
  "ec2:ModifyVpcAttribute",
  "events:DeleteRule",
  "events:DescribeRule",
  "events:ListRuleNamesByTarget",
  "events:ListRules",
  "events:ListTargetsByRule",
  "events:PutRule",
  "events:PutTargets",
  "events:RemoveTargets",
  "iam:AttachRolePolicy",
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:GetRole",
  "iam:PassRole",
  "iam:PutRolePolicy",
  "iot:CreateTopicRule",
  "iot:DeleteTopicRule",
  "iot:DisableTopicRule",
  "iot:EnableTopicRule",
  "iot:ReplaceTopicRule",
  "kinesis:CreateStream",
  "kinesis:DeleteStream",
  "kinesis:DescribeStream",
  "logs:CreateLogGroup",
  "logs:DeleteLogGroup",
  "logs:DescribeLogGroups",
  "logs:DescribeLogStreams",
  "logs:FilterLogEvents",
  "logs:GetLogEvents",
  "logs:PutSubscriptionFilter",
  "s3:CreateBucket",
  "s3:DeleteBucket",
  "s3:DeleteBucketPolicy",
  "s3:DeleteObject",
  "s3:DeleteObjectVersion",
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:ListAllMyBuckets",
  "s3:ListBucket",
  "s3:PutBucketNotification",
  "s3:PutBucketPolicy",
  "s3:PutBucketTagging",
  "s3:PutBucketWebsite",
  "s3:PutEncryptionConfiguration",
  "s3:PutObject",
  "sns:CreateTopic",
  "sns:DeleteTopic",
  "sns:GetSubscriptionAttributes",
  "sns:GetTopicAttributes",
  "sns:ListSubscriptions",
  "sns:ListSubscriptionsByTopic",
  "sns:ListTopics",
  "sns:SetSubscriptionAttributes",
  "sns:SetTopicAttributes",
  "sns:Subscribe",
  "sns:Unsubscribe",
  "states:CreateStateMachine",
  "states:DeleteStateMachine",
];

const FARGATE_IRSA =
  "Pods on Fargate nodes that need IAM credentials get them only through IRSA: configure IRSA on the cluster and choose Use IRSA for this connector.";

export const USAGE_IDS = [
  "s3-read",
  "s3-write",
  "s3-read-write",
  "s3-cross-account",
  "ecr-pull",
  "ecr-push",
  "eks-deploy",
  "cloudformation-eks-full",
  "cloudformation-eks-limited",
  "serverless-lambda",
] as const;
export type UsageId = (typeof USAGE_IDS)[number];

export const USAGES: Record<UsageId, Usage> = {
  "s3-read": {
    id: "s3-read",
    label: "Read from S3",
    description: "Fetch artifacts and files from S3 buckets (AmazonS3ReadOnlyAccess, narrowed to your buckets).",
    resourceKinds: ["bucket"],
    statements: [{ sid: "S3Read", actions: S3_READ_ONLY_ACTIONS, resources: [S3_BUCKET, S3_OBJECTS] }],
    managedPolicies: [{ name: "AmazonS3ReadOnlyAccess", note: "The document's policy: read access to every bucket." }],
    checks: [
      { action: "s3:ListBucket", resource: S3_BUCKET },
      { action: "s3:GetObject", resource: S3_OBJECTS },
    ],
    notes: [],
  },
  "s3-write": {
    id: "s3-write",
    label: "Write to S3",
    description: "Upload, replace and delete objects in S3 buckets (s3:*Object on the bucket's objects).",
    resourceKinds: ["bucket"],
    statements: [{ sid: "S3WriteObjects", actions: ["s3:*Object"], resources: [S3_OBJECTS] }],
    managedPolicies: [],
    checks: [
      { action: "s3:PutObject", resource: S3_OBJECTS },
      { action: "s3:DeleteObject", resource: S3_OBJECTS },
    ],
    notes: [],
  },
  "s3-read-write": {
    id: "s3-read-write",
    label: "Read and write S3",
    description: "List, read and write objects in S3 buckets, including what the S3 console needs to show them.",
    resourceKinds: ["bucket"],
    statements: [
      { sid: "S3ConsoleAccess", actions: S3_CONSOLE_ACTIONS, resources: ["*"] },
      { sid: "S3ListObjectsInBucket", actions: ["s3:ListBucket"], resources: [S3_BUCKET] },
      { sid: "S3AllObjectActions", actions: ["s3:*Object"], resources: [S3_OBJECTS] },
    ],
    managedPolicies: [],
    checks: [
      { action: "s3:ListAllMyBuckets", resource: "*" },
      { action: "s3:ListBucket", resource: S3_BUCKET },
      { action: "s3:GetObject", resource: S3_OBJECTS },
      { action: "s3:PutObject", resource: S3_OBJECTS },
      { action: "s3:DeleteObject", resource: S3_OBJECTS },
    ],
    notes: [],
  },
  "s3-cross-account": {
    id: "s3-cross-account",
    label: "S3 buckets in another account",
    description: "Read and write buckets owned by another AWS account, which must grant this connector access.",
    resourceKinds: ["bucket"],
    statements: [
      { sid: "S3CrossAccountListBucket", actions: ["s3:ListBucket", "s3:GetBucketLocation"], resources: [S3_BUCKET] },
      { sid: "S3CrossAccountObjects", actions: ["s3:GetObject", "s3:PutObject"], resources: [S3_OBJECTS] },
    ],
    managedPolicies: [],
    checks: [
      { action: "s3:ListBucket", resource: S3_BUCKET },
      { action: "s3:GetObject", resource: S3_OBJECTS },
      { action: "s3:PutObject", resource: S3_OBJECTS },
    ],
    notes: [
      "The bucket owner must grant access too: a bucket policy in the owning account that allows this connector's principal the same actions (see crossAccountBucketPolicy).",
      "Objects this connector uploads stay owned by the bucket owner only when the bucket enforces BucketOwnerEnforced object ownership.",
      "The simulation checks this connector's own policy; the bucket owner's policy is checked only by a real request.",
    ],
  },
  "ecr-pull": {
    id: "ecr-pull",
    label: "Pull from ECR",
    description: "Pull container images from Amazon ECR repositories (AmazonEC2ContainerRegistryReadOnly).",
    resourceKinds: ["repository"],
    statements: [
      { sid: "EcrAuthorizationToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
      {
        sid: "EcrPull",
        actions: ECR_PULL_ACTIONS.filter((a) => a !== "ecr:GetAuthorizationToken"),
        resources: [ECR_REPOSITORY],
      },
    ],
    managedPolicies: [
      { name: "AmazonEC2ContainerRegistryReadOnly", note: "The document's policy: read access to every repository." },
    ],
    checks: [
      { action: "ecr:GetAuthorizationToken", resource: "*" },
      { action: "ecr:BatchCheckLayerAvailability", resource: ECR_REPOSITORY },
      { action: "ecr:GetDownloadUrlForLayer", resource: ECR_REPOSITORY },
      { action: "ecr:BatchGetImage", resource: ECR_REPOSITORY },
      { action: "ecr:DescribeImages", resource: ECR_REPOSITORY },
      { action: "ecr:ListImages", resource: ECR_REPOSITORY },
    ],
    notes: [],
  },
  "ecr-push": {
    id: "ecr-push",
    label: "Push to ECR",
    description: "Push and manage images in Amazon ECR repositories (AmazonEC2ContainerRegistryFullAccess).",
    resourceKinds: ["repository"],
    statements: [
      { sid: "EcrAuthorizationToken", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
      { sid: "EcrRepositories", actions: ["ecr:*"], resources: [ECR_REPOSITORY] },
      { sid: "EcrCloudTrailLookup", actions: ["cloudtrail:LookupEvents"], resources: ["*"] },
      {
        sid: "EcrReplicationServiceRole",
        actions: ["iam:CreateServiceLinkedRole"],
        resources: ["*"],
        condition: ECR_REPLICATION_CONDITION,
      },
    ],
    managedPolicies: [
      { name: "AmazonEC2ContainerRegistryFullAccess", note: "The document's policy: full access to every repository." },
    ],
    checks: [
      { action: "ecr:GetAuthorizationToken", resource: "*" },
      { action: "ecr:BatchCheckLayerAvailability", resource: ECR_REPOSITORY },
      { action: "ecr:InitiateLayerUpload", resource: ECR_REPOSITORY },
      { action: "ecr:UploadLayerPart", resource: ECR_REPOSITORY },
      { action: "ecr:CompleteLayerUpload", resource: ECR_REPOSITORY },
      { action: "ecr:PutImage", resource: ECR_REPOSITORY },
      { action: "cloudtrail:LookupEvents", resource: "*" },
      {
        action: "iam:CreateServiceLinkedRole",
        resource: "*",
        context: [{ key: "iam:AWSServiceName", values: ["replication.ecr.amazonaws.com"] }],
      },
    ],
    notes: [],
  },
  "eks-deploy": {
    id: "eks-deploy",
    label: "Deploy to EKS",
    description: "Find EKS clusters and deploy to them with tokens for this connector's identity.",
    resourceKinds: ["cluster"],
    statements: [
      { sid: "EksListClusters", actions: ["eks:ListClusters"], resources: ["*"] },
      { sid: "EksDescribeCluster", actions: ["eks:DescribeCluster"], resources: [EKS_CLUSTER] },
    ],
    managedPolicies: [],
    checks: [
      { action: "eks:ListClusters", resource: "*" },
      { action: "eks:DescribeCluster", resource: EKS_CLUSTER },
    ],
    notes: [
      "The identity also needs access inside each cluster: an EKS access entry (or an aws-auth mapping) for the principal this connector ends up as.",
      FARGATE_IRSA,
    ],
    irsa: FARGATE_IRSA,
  },
  "cloudformation-eks-full": {
    id: "cloudformation-eks-full",
    label: "Create and manage EKS clusters",
    description: "Provision EKS clusters with CloudFormation, with full access to the services involved.",
    resourceKinds: [],
    statements: [{ sid: "EksFullManagement", actions: EKS_FULL_ACTIONS, resources: ["*"] }],
    managedPolicies: [],
    checks: [
      { action: "cloudformation:CreateStack", resource: "*" },
      { action: "cloudformation:DescribeStacks", resource: "*" },
      { action: "eks:CreateCluster", resource: "*" },
      { action: "ec2:CreateSecurityGroup", resource: "*" },
      { action: "autoscaling:CreateAutoScalingGroup", resource: "*" },
      { action: "iam:CreateRole", resource: "*" },
      { action: "iam:PassRole", resource: "*" },
      { action: "ssm:GetParameters", resource: "*" },
    ],
    notes: ["This grants iam:* and ec2:*; prefer the limited EKS use unless the stacks need more."],
  },
  "cloudformation-eks-limited": {
    id: "cloudformation-eks-limited",
    label: "Provision EKS clusters (limited)",
    description: "Create EKS clusters with CloudFormation using only the actions the document lists.",
    resourceKinds: ["stack"],
    statements: [
      { sid: "EksProvisioning", actions: EKS_LIMITED_ACTIONS, resources: ["*"] },
      { sid: "EksProvisioningStacks", actions: EKS_LIMITED_STACK_ACTIONS, resources: [CFN_STACK] },
    ],
    managedPolicies: [],
    checks: [
      { action: "cloudformation:CreateStack", resource: CFN_STACK },
      { action: "cloudformation:DescribeStacks", resource: CFN_STACK },
      { action: "eks:CreateCluster", resource: "*" },
      { action: "eks:DescribeCluster", resource: "*" },
      { action: "ec2:CreateSecurityGroup", resource: "*" },
      { action: "autoscaling:CreateAutoScalingGroup", resource: "*" },
      { action: "iam:CreateRole", resource: "*" },
      { action: "iam:PassRole", resource: "*" },
      { action: "ssm:GetParameters", resource: "*" },
    ],
    notes: [],
  },
  "serverless-lambda": {
    id: "serverless-lambda",
    label: "Serverless Lambda",
    description: "Deploy Serverless Framework services to AWS Lambda (the Serverless IAMCredentials policy).",
    resourceKinds: ["function"],
    statements: [
      { sid: "ServerlessDeployment", actions: SERVERLESS_ACTIONS, resources: ["*"] },
      { sid: "ServerlessLambdaFunctions", actions: ["lambda:*"], resources: [LAMBDA_FUNCTION] },
    ],
    managedPolicies: [
      { name: "AdministratorAccess", note: "The document's full-access alternative; the limited policy is preferred." },
    ],
    checks: [
      { action: "cloudformation:CreateStack", resource: "*" },
      { action: "cloudformation:DescribeStacks", resource: "*" },
      { action: "cloudformation:ValidateTemplate", resource: "*" },
      { action: "s3:CreateBucket", resource: "*" },
      { action: "s3:PutObject", resource: "*" },
      { action: "iam:PassRole", resource: "*" },
      { action: "logs:CreateLogGroup", resource: "*" },
      { action: "lambda:CreateFunction", resource: LAMBDA_FUNCTION },
      { action: "lambda:UpdateFunctionCode", resource: LAMBDA_FUNCTION },
    ],
    notes: [
      "The runner needs the Serverless Framework installed; with cross-account access (STS role) it needs the AWS CLI too.",
      "Serverless names functions <service>-<stage>-<function>: give those full names.",
    ],
  },
};

export const USAGE_LIST: readonly Usage[] = USAGE_IDS.map((id) => USAGES[id]);

export const isUsageId = (v: unknown): v is UsageId =>
  typeof v === "string" && (USAGE_IDS as readonly string[]).includes(v);

// ── ARNs ──────────────────────────────────────────────────────────────────────────────────

/** An AWS managed policy's ARN in a partition. */
export const managedPolicyArn = (partition: Partition, name: string) => `arn:${partition}:iam::aws:policy/${name}`;

/** A customer managed policy's ARN (`<account-id>` when the account is not known). */
export const customerPolicyArn = (partition: Partition, accountId: string | undefined, name: string) =>
  `arn:${partition}:iam::${accountId || "<account-id>"}:policy/${name}`;

const KIND_IN_TEMPLATE = /\{(bucket|repository|cluster|stack|function)\}/;

/** The ARNs a template stands for: one per given name, or one with the kind's placeholder. */
function expand(template: string, ctx: UsageContext, resources: UsageResources | undefined): string[] {
  const base = template
    .replaceAll("{partition}", ctx.partition)
    .replaceAll("{region}", ctx.region || "*")
    .replaceAll("{account}", ctx.accountId || "*");
  const kind = KIND_IN_TEMPLATE.exec(base)?.[1] as ResourceKind | undefined;
  if (!kind) return [base];
  const names = resources?.[kind]?.length ? resources[kind] : [RESOURCE_KIND_INFO[kind].placeholder];
  return names.map((n) => base.replace(`{${kind}}`, n));
}

const one = <T>(xs: T[]): T | T[] => (xs.length === 1 ? xs[0]! : xs);

/** True when an ARN still holds a placeholder (`<bucket-name>`): the policy needs a name there. */
export const hasPlaceholder = (s: string) => /<[a-z-]+>/.test(s);

// ── Policy ────────────────────────────────────────────────────────────────────────────────

/** The statements one use contributes, resource names filled in. */
export function usageStatements(selection: UsageSelection, ctx: UsageContext): IamStatement[] {
  const usage = USAGES[selection.id];
  return usage.statements.map((t) => ({
    Sid: t.sid,
    Effect: "Allow",
    Action: one([...t.actions]),
    Resource: one(t.resources.flatMap((r) => expand(r, ctx, selection.resources))),
    ...(t.condition ? { Condition: t.condition } : {}),
  }));
}

const key = (s: IamStatement) =>
  JSON.stringify([s.Effect, [s.Action].flat().sort(), [s.Resource].flat().sort(), s.Condition ?? null]);

/**
 * The least-privilege identity policy for the chosen uses: ec2:DescribeRegions first, then each
 * use's statements in catalogue order. A statement another use already contributed (same
 * actions, resources and condition) appears once; Sids stay unique.
 */
export function usagePolicy(selections: readonly UsageSelection[], ctx: UsageContext): IamPolicy {
  const statements: IamStatement[] = [BASE_STATEMENT];
  const seen = new Set([key(BASE_STATEMENT)]);
  const sids = new Set([BASE_STATEMENT.Sid]);
  const chosen = USAGE_IDS.flatMap((id) => selections.filter((s) => s.id === id));
  for (const sel of chosen) {
    for (const s of usageStatements(sel, ctx)) {
      if (seen.has(key(s))) continue;
      seen.add(key(s));
      let sid = s.Sid;
      for (let n = 2; sids.has(sid); n++) sid = `${s.Sid}${n}`;
      sids.add(sid);
      statements.push({ ...s, Sid: sid });
    }
  }
  return { Version: POLICY_VERSION, Statement: statements };
}

/** The policy as the user copies or downloads it. */
export const policyJson = (policy: IamPolicy) => `${JSON.stringify(policy, null, 2)}\n`;

/** IAM's limit for a customer managed policy document, whitespace not counted. */
export const MANAGED_POLICY_MAX_LENGTH = 6144;
export const policyLength = (policy: IamPolicy) => JSON.stringify(policy).length;

/**
 * The policy cut into documents IAM accepts as managed policies (each within
 * MANAGED_POLICY_MAX_LENGTH), statements kept whole and in order; one document when it fits.
 * Many uses at once (Serverless and EKS provisioning together) do not fit in one.
 */
export function splitPolicy(policy: IamPolicy): IamPolicy[] {
  const out: IamPolicy[] = [];
  let current: IamStatement[] = [];
  for (const s of policy.Statement) {
    const next = { Version: POLICY_VERSION, Statement: [...current, s] };
    if (current.length && policyLength(next) > MANAGED_POLICY_MAX_LENGTH) {
      out.push({ Version: POLICY_VERSION, Statement: current });
      current = [s];
    } else current = next.Statement;
  }
  out.push({ Version: POLICY_VERSION, Statement: current });
  return out;
}

/** The managed policies the document names for the chosen uses, with their ARNs in the partition. */
export function usageManagedPolicies(selections: readonly UsageSelection[], partition: Partition) {
  const ids = USAGE_IDS.filter((id) => selections.some((s) => s.id === id));
  return ids.flatMap((id) =>
    USAGES[id].managedPolicies.map((p) => ({ usage: id, ...p, arn: managedPolicyArn(partition, p.name) })),
  );
}

// ── AWS CLI ───────────────────────────────────────────────────────────────────────────────

export const DEFAULT_POLICY_NAME = "ConduitConnector";
export const POLICY_FILE = "conduit-connector-policy.json";

export interface PolicyCommandsInput {
  partition: Partition;
  accountId?: string;
  /** The customer managed policy's name; DEFAULT_POLICY_NAME when not given. */
  policyName?: string;
  /** Who gets the policy: the connector's IAM user (access keys) or its role (OIDC, IRSA, cross-account). */
  principal: { type: "user" | "role"; name?: string };
  /** How many documents splitPolicy made; each gets its own file and name (`…-1.json`, `ConduitConnector1`). */
  policyCount?: number;
}

/** The file the policy document (or its `index`-th part, from 0) is saved as. */
export const policyFileName = (index = 0, count = 1) =>
  count > 1 ? POLICY_FILE.replace(/\.json$/, `-${index + 1}.json`) : POLICY_FILE;

// IAM's API lives in the partition's home region; a CLI profile set to another partition's region fails.
const IAM_REGION: Record<Partition, string | undefined> = {
  aws: undefined,
  "aws-us-gov": "us-gov-west-1",
  "aws-cn": "cn-north-1",
};

/**
 * `aws iam create-policy` for the policy saved as policyFileName(…), then attaching it to the
 * user or role; one pair per document when the policy was split.
 */
export function usagePolicyCommands(input: PolicyCommandsInput): string[] {
  const base = input.policyName || DEFAULT_POLICY_NAME;
  const count = Math.max(1, input.policyCount ?? 1);
  const region = IAM_REGION[input.partition];
  const regionFlag = region ? ` --region ${region}` : "";
  const who = input.principal.type === "user" ? "user" : "role";
  const principalName = input.principal.name || `<${who}-name>`;
  return Array.from({ length: count }, (_, i) => {
    const name = count > 1 ? `${base}${i + 1}` : base;
    const arn = customerPolicyArn(input.partition, input.accountId, name);
    return [
      `aws iam create-policy --policy-name ${name} --policy-document file://${policyFileName(i, count)}${regionFlag}`,
      `aws iam attach-${who}-policy --${who}-name ${principalName} --policy-arn ${arn}${regionFlag}`,
    ];
  }).flat();
}

// ── Checks (iam:SimulatePrincipalPolicy) ──────────────────────────────────────────────────

export interface UsageCheck {
  /** The use the check belongs to; `base` for ec2:DescribeRegions. */
  usage: UsageId | "base";
  action: string;
  /** The resource ARN to simulate; `*` where the use's resource was not named. */
  resource: string;
  context: { key: string; values: string[] }[];
}

/**
 * The permissions SimulatePrincipalPolicy checks for one use: each of its checks per named
 * resource. Where no name was given the resource is `*` (the simulator's default), since a
 * placeholder ARN names nothing.
 */
export function checksForUsage(selection: UsageSelection, ctx: UsageContext): UsageCheck[] {
  const usage = USAGES[selection.id];
  return usage.checks.flatMap((c) =>
    expand(c.resource, ctx, selection.resources).map((resource) => ({
      usage: selection.id,
      action: c.action,
      resource: hasPlaceholder(resource) ? "*" : resource,
      context: c.context ?? [],
    })),
  );
}

/** ec2:DescribeRegions, then every chosen use's checks, without repeating a triple. */
export function usageChecks(selections: readonly UsageSelection[], ctx: UsageContext): UsageCheck[] {
  const out: UsageCheck[] = [{ usage: "base", ...BASE_CHECK, context: [] }];
  const chosen = USAGE_IDS.flatMap((id) => selections.filter((s) => s.id === id));
  const seen = new Set<string>();
  for (const sel of chosen) {
    for (const c of checksForUsage(sel, ctx)) {
      const k = JSON.stringify([c.usage, c.action, c.resource, c.context]);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(c);
    }
  }
  return out;
}

/**
 * The checks as SimulatePrincipalPolicy calls: one per resource and context, with every action
 * asked about that resource (the API evaluates each action against each listed resource, so
 * mixing resources in one call would ask questions nobody needs answered).
 */
export function simulationBatches(checks: readonly UsageCheck[]) {
  const batches = new Map<string, { resource: string; context: UsageCheck["context"]; actions: string[] }>();
  for (const c of checks) {
    const k = JSON.stringify([c.resource, c.context]);
    const b = batches.get(k) ?? { resource: c.resource, context: c.context, actions: [] };
    if (!b.actions.includes(c.action)) b.actions.push(c.action);
    batches.set(k, b);
  }
  return [...batches.values()];
}

/** The statement that allows one denied check, as the test suggests adding it. */
export function statementToAdd(check: Pick<UsageCheck, "action" | "resource" | "context">): IamStatement {
  const [service = "", action = ""] = check.action.split(":");
  const word = (w: string) => w.replace(/[^A-Za-z0-9]/g, "");
  const sid = `Allow${word(service).charAt(0).toUpperCase()}${word(service).slice(1)}${word(action)}`;
  const condition = check.context.length
    ? { StringEquals: Object.fromEntries(check.context.map((c) => [c.key, one([...c.values])])) }
    : undefined;
  return {
    Sid: sid,
    Effect: "Allow",
    Action: check.action,
    Resource: check.resource,
    ...(condition ? { Condition: condition } : {}),
  };
}

// ── Cross-account buckets ─────────────────────────────────────────────────────────────────

/**
 * The bucket policy the bucket's owner adds so this connector's principal may use a bucket in
 * their account (the "S3 buckets in another account" use).
 */
export function crossAccountBucketPolicy(partition: Partition, principalArn: string, bucket?: string) {
  const name = bucket || RESOURCE_KIND_INFO.bucket.placeholder;
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Sid: "ConduitConnectorListBucket",
        Effect: "Allow",
        Principal: { AWS: principalArn },
        Action: ["s3:ListBucket", "s3:GetBucketLocation"],
        Resource: `arn:${partition}:s3:::${name}`,
      },
      {
        Sid: "ConduitConnectorObjects",
        Effect: "Allow",
        Principal: { AWS: principalArn },
        Action: ["s3:GetObject", "s3:PutObject"],
        Resource: `arn:${partition}:s3:::${name}/*`,
      },
    ],
  };
}

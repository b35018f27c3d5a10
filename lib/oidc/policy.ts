// The AWS side of OIDC federation, as text the user can copy: the IAM OIDC provider ARN, the
// role trust policy and the AWS CLI commands that create both. Pure, so the wizard can use it.
import { parseArn, type Partition } from "@/lib/aws/partitions";

/** IAM names providers and condition keys by the issuer without its scheme: host + path. */
export function issuerHostPath(issuer: string): string {
  return issuer.replace(/^https?:\/\//i, "").replace(/\/+$/, "");
}

export function oidcProviderArn(p: { partition: Partition; accountId: string; issuer: string }): string {
  return `arn:${p.partition}:iam::${p.accountId}:oidc-provider/${issuerHostPath(p.issuer)}`;
}

export interface TrustPolicyInput {
  partition: Partition;
  /** The AWS account that owns the role and the identity provider. */
  accountId: string;
  issuer: string;
  audience: string;
  subject: string;
  /** The token carries session tags (oidcSessionTagKeys): the role must also allow sts:TagSession. */
  sessionTags?: boolean;
}

export function oidcTrustPolicy(i: TrustPolicyInput): Record<string, unknown> {
  const hostPath = issuerHostPath(i.issuer);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn(i) },
        Action: i.sessionTags ? ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] : "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${hostPath}:aud`]: i.audience, [`${hostPath}:sub`]: i.subject } },
      },
    ],
  };
}

/** Partition, account, name and path of an IAM role ARN (null when it is not one). */
export function roleOfArn(
  arn: string,
): { partition: Partition; accountId: string; roleName: string; path: string } | null {
  const p = parseArn(arn);
  const m = p && p.service === "iam" ? /^role(\/(?:.*\/)?)([^/]+)$/.exec(p.resource) : null;
  if (!p || !m) return null;
  return { partition: p.partition, accountId: p.accountId, roleName: m[2]!, path: m[1]! };
}

export interface SetupInput extends TrustPolicyInput {
  roleName: string;
  /** IAM path of the role, default "/". */
  rolePath?: string;
  /** A region of the partition, so the CLI reaches GovCloud's or China's IAM. */
  region?: string;
}

export interface SetupCommands {
  /** Save as trust.json; the commands refer to it. */
  trustPolicy: Record<string, unknown>;
  trustPolicyJson: string;
  commands: string[];
  notes: string[];
}

const PARTITION_REGION: Record<Partition, string> = {
  aws: "us-east-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-cn": "cn-north-1",
};

export function oidcSetupCommands(i: SetupInput): SetupCommands {
  const trustPolicy = oidcTrustPolicy(i);
  const region = i.partition === "aws" ? "" : ` --region ${i.region ?? PARTITION_REGION[i.partition]}`;
  const path = i.rolePath && i.rolePath !== "/" ? ` --path ${i.rolePath}` : "";
  return {
    trustPolicy,
    trustPolicyJson: JSON.stringify(trustPolicy, null, 2),
    commands: [
      `aws iam create-open-id-connect-provider --url ${i.issuer} --client-id-list ${i.audience}${region}`,
      `aws iam create-role --role-name ${i.roleName}${path} --assume-role-policy-document file://trust.json${region}`,
      `# or, for an existing role:\naws iam update-assume-role-policy --role-name ${i.roleName} --policy-document file://trust.json${region}`,
    ],
    notes: [
      "Create the identity provider once per AWS account; every role trusting Conduit reuses it (add the audience with add-client-id-to-open-id-connect-provider if the provider exists).",
      "--thumbprint-list is optional: IAM checks the issuer's TLS certificate against its own trusted CAs. Pass the SHA-1 thumbprint of the issuing CA only for a certificate not signed by a public CA.",
      "AWS fetches <issuer>/.well-known/openid-configuration and the JWKS over HTTPS from the internet: the issuer must be publicly reachable.",
      `Give the role the permissions the connector needs (at least ec2:DescribeRegions).`,
    ],
  };
}

/** The pod annotation EKS reads to hand a service account's pods credentials for a role (IRSA). */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";
/** The audience EKS puts in the service account tokens it mounts for IRSA. */
export const IRSA_AUDIENCE = "sts.amazonaws.com";

export interface IrsaSetupInput {
  partition: Partition;
  /** Region of the cluster the delegate runs in. */
  region: string;
  /** Its IAM OIDC issuer (`aws eks describe-cluster … identity.oidc.issuer`); a placeholder until known. */
  issuer?: string;
  /** The AWS account that owns the role; a placeholder until known. */
  accountId?: string;
  clusterName?: string;
  namespace: string;
  serviceAccount: string;
  roleName?: string;
}

export interface IrsaSetup extends SetupCommands {
  /** The role ARN the service account is annotated with. */
  roleArn: string;
}

/**
 * IRSA for a delegate: the trust policy that lets exactly one Kubernetes service account of the
 * cluster assume the role, the commands that register the cluster's issuer, create the role and
 * annotate the service account. Unknown values stay as <PLACEHOLDERS> the user can see and fill.
 */
export function irsaSetupCommands(i: IrsaSetupInput): IrsaSetup {
  const issuer = i.issuer?.trim() || `https://oidc.eks.${i.region}.amazonaws.com/id/<CLUSTER_OIDC_ID>`;
  const accountId = i.accountId?.trim() || "<ACCOUNT_ID>";
  const roleName = i.roleName?.trim() || "<ROLE_NAME>";
  const cluster = i.clusterName?.trim() || "<CLUSTER_NAME>";
  const trustPolicy = oidcTrustPolicy({
    partition: i.partition,
    accountId,
    issuer,
    audience: IRSA_AUDIENCE,
    subject: `system:serviceaccount:${i.namespace}:${i.serviceAccount}`,
  });
  const roleArn = `arn:${i.partition}:iam::${accountId}:role/${roleName}`;
  const region = i.partition === "aws" ? "" : ` --region ${i.region}`;
  return {
    roleArn,
    trustPolicy,
    trustPolicyJson: JSON.stringify(trustPolicy, null, 2),
    commands: [
      `aws eks describe-cluster --name ${cluster} --region ${i.region} --query cluster.identity.oidc.issuer --output text`,
      `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list ${IRSA_AUDIENCE}${region}`,
      `aws iam create-role --role-name ${roleName} --assume-role-policy-document file://trust.json${region}`,
      `kubectl annotate serviceaccount --namespace ${i.namespace} ${i.serviceAccount} ${IRSA_ANNOTATION}=${roleArn} --overwrite`,
    ],
    notes: [
      "The first command prints the cluster's issuer; put it in the field above so the trust policy and commands name it.",
      "Register the issuer once per cluster and account (skip create-open-id-connect-provider when aws iam list-open-id-connect-providers lists it).",
      "Restart the delegate's pods after annotating, so EKS mounts the web identity token into them.",
    ],
  };
}

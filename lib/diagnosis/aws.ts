// AWS failures → Diagnosis. One classification (reason) for every caller; the fix depends on
// what Conduit was doing (a connection-test step, a lookup, a GitOps test) and on the facts known.
import "server-only";
import { THROTTLING_ERROR_CODES } from "@/lib/aws/backoff";
import { awsErrorFacts } from "@/lib/aws/errors";
import { PARTITION_LABELS, partitionOf } from "@/lib/aws/partitions";
import { CredentialSetupError, type OidcTokenFacts } from "@/lib/connectors/credentials";
import { AppError } from "@/lib/http/errors";
import { oidcRemedy } from "./oidc";
import { describeRegionsPolicy, trustPolicyFor } from "./remedies";
import type { Diagnosis } from "./types";

export type AwsAction =
  | "resolve-credentials"
  | "get-caller-identity"
  | "assume-role"
  | "describe-regions"
  | "simulate-policy"
  | "describe-cluster"
  | "sign-eks-token"
  | "list-clusters";

export interface AwsWhere {
  action: AwsAction;
  /** A connection test explains for the test's page; a lookup explains inside a form. */
  context: "test" | "lookup";
  /** What Conduit was doing, for lookup sentences: "describing payments in us-east-1". */
  doing?: string;
  region: string;
  retries?: number;
  /** The time limit that ran out, in seconds. */
  timeoutSeconds?: number;
  /** The whole test's time limit ran out, not one call's. */
  testTimedOut?: boolean;
  callerArn?: string;
  /** The role being assumed: a connector's cross-account role, or a GitOps deployer role. */
  roleArn?: string;
  externalId?: string;
  oidc?: OidcTokenFacts;
  /** Advice only the caller's domain knows, replacing the default fix of a reason. */
  fixes?: Partial<Record<string, string>>;
}

const PARTITION_NAMES = { aws: "commercial AWS", "aws-us-gov": "AWS GovCloud (US)", "aws-cn": "AWS China" } as const;
const REJECTED_KEY = /^(InvalidClientTokenId|UnrecognizedClientException|AuthFailure|InvalidAccessKeyId)$/;
const WRONG_SECRET = /^(SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature)$/;
const EXPIRED = /^(ExpiredToken|ExpiredTokenException|RequestExpired)$/;
const DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/;

const SETUP_FIXES: Record<string, string> = {
  IrsaNotConfigured:
    "Run Conduit in EKS with a service account annotated eks.amazonaws.com/role-arn, or pick another credential type.",
  DelegateMismatch:
    "Remove the delegate selectors from the connector, or add the tags to this server with CONDUIT_DELEGATE_TAGS.",
  CredentialsProviderError:
    "The Conduit server has no AWS credentials of its own (no AWS_ACCESS_KEY_ID, profile, container or instance role). Give the server a role, or use access keys in the connector.",
  SecretNotFound:
    "A secret the connector references no longer resolves. Edit the connector and pick an existing secret.",
};

interface Facts {
  code: string;
  message: string;
  requestId?: string;
  timedOut: boolean;
  networkCode?: string;
  setup: boolean;
}

function factsOf(err: unknown): Facts {
  if (err instanceof CredentialSetupError)
    return { code: err.code, message: err.message, timedOut: false, setup: true };
  if (err instanceof AppError && err.code === "NOT_FOUND") {
    return { code: "SecretNotFound", message: err.detail ?? err.message, timedOut: false, setup: true };
  }
  const f = awsErrorFacts(err);
  return { ...f, setup: false };
}

const said = (f: Facts) => (f.message && f.message !== f.code ? `${f.code}: ${f.message}` : f.code);

function reasonOf(f: Facts, w: AwsWhere): string {
  if (w.testTimedOut) return "test-timeout";
  if (f.setup) return f.code === "SecretNotFound" ? "secret-not-found" : "setup";
  if (f.code === "IncompleteResponse") return "aws-incomplete-answer";
  if (f.timedOut || f.code === "RequestTimeout") return "aws-timeout";
  if (f.networkCode === "ECONNRESET" || f.networkCode === "EPIPE") return "aws-connection-reset";
  if (f.networkCode === "ENOTFOUND" || f.networkCode === "EAI_AGAIN") return "aws-dns";
  if (f.networkCode) return "aws-unreachable";
  if ((THROTTLING_ERROR_CODES as readonly string[]).includes(f.code) || f.code === "TooManyRequests")
    return "throttled";
  if (REJECTED_KEY.test(f.code) || WRONG_SECRET.test(f.code) || EXPIRED.test(f.code)) return "credentials-rejected";
  if (/^InvalidIdentityToken/.test(f.code)) return "identity-token-rejected";
  if (f.code === "IDPCommunicationError") return "identity-provider-unreachable";
  if (f.code === "ResourceNotFoundException" && w.action === "describe-cluster") return "cluster-not-found";
  // A lazily assumed cross-account role fails inside whatever call needed it.
  if (w.action === "assume-role" && DENIED.test(f.code)) return "assume-role-denied";
  if (w.action !== "resolve-credentials" && /sts:AssumeRole(?!With)/.test(f.message)) return "assume-role-denied";
  if (DENIED.test(f.code)) return w.action === "describe-cluster" ? "describe-denied" : "access-denied";
  return "aws-error";
}

function detailOf(f: Facts, w: AwsWhere, reason: string): string {
  if (reason === "test-timeout") return `Timed out after ${w.timeoutSeconds} s (the limit for the whole test)`;
  if (f.setup) return f.message;
  if (reason === "aws-timeout") {
    return w.context === "lookup"
      ? `AWS did not answer in time while ${w.doing ?? "calling it"}.`
      : `Timed out after ${w.timeoutSeconds} s waiting for AWS`;
  }
  const doing = w.doing ? ` while ${w.doing}` : "";
  if (reason === "aws-connection-reset") return `The connection to AWS was reset${doing} (${f.networkCode}).`;
  if (reason === "aws-dns") return `The AWS endpoint's name did not resolve${doing} (${f.networkCode}).`;
  if (reason === "aws-unreachable") return `AWS could not be reached${doing} (${f.networkCode}).`;
  if (reason === "aws-incomplete-answer")
    return `AWS's answer broke off before it was complete${doing}${f.requestId ? ` (request ${f.requestId})` : ""}.`;
  return w.context === "lookup" && w.doing ? `AWS refused ${w.doing}: ${said(f)}.` : said(f);
}

type Remedy = Pick<Diagnosis, "fix" | "policy" | "commands">;

function credentialsFix(f: Facts, w: AwsWhere): string {
  const partition = partitionOf(w.region);
  if (w.action === "list-clusters")
    return "is the region enabled for this account? Opt-in regions reject credentials until enabled";
  if (w.context === "lookup") {
    return `Run the connector's connection test; ${PARTITION_LABELS[partition]} credentials only work in ${partition} regions.`;
  }
  if (WRONG_SECRET.test(f.code)) {
    return "The secret access key is wrong: it does not belong to this access key ID. Replace the value of the secret key secret (watch for stray spaces or a key of another user).";
  }
  if (EXPIRED.test(f.code)) {
    return "The session token has expired. Temporary credentials do not last; store long-lived access keys, or use a role (IRSA, the server's role, or cross-account access) instead.";
  }
  return `The access key does not exist in ${PARTITION_NAMES[partition]}. GovCloud keys work only with a GovCloud test region and commercial keys only with a commercial one; also check that the key was not deleted or deactivated.`;
}

function deniedFix(w: AwsWhere): Remedy | undefined {
  switch (w.action) {
    case "describe-regions":
      return w.context === "test"
        ? {
            fix: `${w.callerArn ?? "The principal"} may not call ec2:DescribeRegions, which every connector needs. Attach a policy like this:`,
            policy: describeRegionsPolicy(),
          }
        : undefined;
    case "describe-cluster":
      return {
        fix: `The connector's identity may not call eks:DescribeCluster: allow eks:DescribeCluster in its IAM policy.`,
      };
    case "list-clusters":
      return { fix: "allow eks:ListClusters in this region" };
    case "resolve-credentials":
      return {
        fix: "STS refused to exchange the web identity token: the role's trust policy does not trust this identity provider, audience or subject.",
      };
    default:
      return undefined;
  }
}

function remedyOf(f: Facts, w: AwsWhere, reason: string): Remedy | undefined {
  const own = w.fixes?.[reason];
  if (own) return { fix: own };
  if (w.oidc && w.action === "resolve-credentials") {
    const r = oidcRemedy(w.oidc, f.code, f.message, w.region);
    if (r) return r;
  }
  switch (reason) {
    case "setup":
    case "secret-not-found":
      return SETUP_FIXES[f.code] ? { fix: SETUP_FIXES[f.code] } : undefined;
    case "throttled": {
      const n = w.retries ?? 0;
      return {
        fix: `AWS kept throttling the call after ${n} ${n === 1 ? "retry" : "retries"}. Raise the retry count or the delays of the connector's backoff strategy, or test again later.`,
      };
    }
    case "credentials-rejected":
      return { fix: credentialsFix(f, w) };
    case "assume-role-denied":
      return w.context === "test"
        ? {
            fix: `The role ${w.roleArn ?? ""} does not let ${w.callerArn ?? "these credentials"} assume it: its trust policy does not trust this principal${w.externalId ? ", or the external ID differs" : ""}. The trust policy needs a statement like this:`,
            policy: trustPolicyFor(w.callerArn, w.externalId),
          }
        : {
            fix: `Check the trust policy${w.externalId ? " and external ID" : ""} of the connector's cross-account role ${w.roleArn ?? ""}.`,
          };
    case "access-denied":
    case "describe-denied":
      return deniedFix(w);
    case "identity-token-rejected":
      return {
        fix: "STS rejected the web identity token: the token's issuer is not registered as an IAM OIDC identity provider in the role's account, or the token is malformed.",
      };
    case "aws-timeout":
    case "test-timeout":
      return {
        fix: `AWS did not answer within ${w.timeoutSeconds ?? "the time limit"} s. Check that the Conduit server can reach the AWS endpoints for ${w.region} (firewall, proxy, VPC endpoints).`,
      };
    case "aws-unreachable":
      return {
        fix: `Nothing accepted the connection: check that the Conduit server can reach the AWS endpoints for ${w.region} (firewall, proxy, VPC endpoints, AWS_ENDPOINT_URL_* settings).`,
      };
    case "aws-connection-reset":
      return {
        fix: `Something between Conduit and AWS closed the connection. Try again; if it keeps happening, check proxies (HTTPS_PROXY), TLS inspection and idle-connection limits on the path to the AWS endpoints for ${w.region}.`,
      };
    case "aws-dns":
      return {
        fix: `The Conduit server cannot resolve the AWS endpoint for ${w.region}: check its DNS settings, or the private DNS of the VPC endpoint.`,
      };
    case "aws-incomplete-answer":
      return {
        fix: "The answer was cut off in transit. Try again; if it repeats, a proxy on the path may be truncating responses.",
      };
    case "cluster-not-found":
      return { fix: `Check the cluster's name and region: the connector's account sees no such EKS cluster.` };
    default:
      return undefined;
  }
}

/** What an AWS call's failure means and what to do about it. */
export function diagnoseAws(err: unknown, where: AwsWhere): Diagnosis {
  const f = factsOf(err);
  const reason = reasonOf(f, where);
  const code = reason === "test-timeout" ? "TestTimeout" : f.code;
  return {
    reason,
    code,
    detail: detailOf(f, where, reason),
    ...remedyOf({ ...f, code }, where, reason),
    ...(f.requestId ? { awsRequestId: f.requestId } : {}),
    facts: { awsCode: f.code, ...(f.networkCode ? { networkCode: f.networkCode } : {}) },
  };
}

// AWS error codes → a sentence the user can act on (and a policy to copy where one helps).
import { THROTTLING_ERROR_CODES } from "@/lib/aws/backoff";
import { partitionOf } from "@/lib/aws/partitions";
import { oidcHint } from "./oidc-hints";
import type { Hint, HintContext } from "./types";

const PARTITION_NAMES = { aws: "commercial AWS", "aws-us-gov": "AWS GovCloud (US)", "aws-cn": "AWS China" } as const;

export function describeRegionsPolicy(): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "ConduitDescribeRegions", Effect: "Allow", Action: "ec2:DescribeRegions", Resource: "*" }],
  };
}

export function trustPolicyFor(callerArn: string | undefined, externalId: string | undefined): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: callerArn || "arn:aws:iam::<account of the connector's credentials>:root" },
        Action: "sts:AssumeRole",
        ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
      },
    ],
  };
}

export function hintFor(c: HintContext): Hint | undefined {
  const partition = PARTITION_NAMES[partitionOf(c.region)];
  if (c.oidc && c.step === "credentials") {
    const h = oidcHint({ ...c, oidc: c.oidc });
    if (h) return h;
  }
  if ((THROTTLING_ERROR_CODES as readonly string[]).includes(c.code) || c.code === "TooManyRequests") {
    return {
      text: `AWS kept throttling the call after ${c.retries} ${c.retries === 1 ? "retry" : "retries"}. Raise the retry count or the delays of the connector's backoff strategy, or test again later.`,
    };
  }
  switch (c.code) {
    case "SignatureDoesNotMatch":
    case "InvalidSignatureException":
      return {
        text: "The secret access key is wrong: it does not belong to this access key ID. Replace the value of the secret key secret (watch for stray spaces or a key of another user).",
      };
    case "InvalidClientTokenId":
    case "UnrecognizedClientException":
    case "AuthFailure":
      return {
        text: `The access key does not exist in ${partition}. GovCloud keys work only with a GovCloud test region and commercial keys only with a commercial one; also check that the key was not deleted or deactivated.`,
      };
    case "ExpiredToken":
    case "ExpiredTokenException":
    case "RequestExpired":
      return {
        text: "The session token has expired. Temporary credentials do not last; store long-lived access keys, or use a role (IRSA, the server's role, or cross-account access) instead.",
      };
    case "AccessDenied":
    case "AccessDeniedException":
    case "UnauthorizedOperation":
      if (c.step === "assumeRole") {
        return {
          text: `The role ${c.roleArn ?? ""} does not let ${c.callerArn ?? "these credentials"} assume it: its trust policy does not trust this principal${c.externalId ? ", or the external ID differs" : ""}. The trust policy needs a statement like this:`,
          policy: trustPolicyFor(c.callerArn, c.externalId),
        };
      }
      if (c.step === "describeRegions") {
        return {
          text: `${c.callerArn ?? "The principal"} may not call ec2:DescribeRegions, which every connector needs. Attach a policy like this:`,
          policy: describeRegionsPolicy(),
        };
      }
      if (c.step === "credentials")
        return {
          text: "STS refused to exchange the web identity token: the role's trust policy does not trust this identity provider, audience or subject.",
        };
      return undefined;
    case "InvalidIdentityToken":
    case "InvalidIdentityTokenException":
      return {
        text: "STS rejected the web identity token: the token's issuer is not registered as an IAM OIDC identity provider in the role's account, or the token is malformed.",
      };
    case "RequestTimeout":
    case "TestTimeout":
      return {
        text: `AWS did not answer within ${c.timeoutSeconds ?? "the time limit"} s. Check that the Conduit server can reach the AWS endpoints for ${c.region} (firewall, proxy, VPC endpoints).`,
      };
    case "IrsaNotConfigured":
      return {
        text: "Run Conduit in EKS with a service account annotated eks.amazonaws.com/role-arn, or pick another credential type.",
      };
    case "DelegateMismatch":
      return {
        text: "Remove the delegate selectors from the connector, or add the tags to this server with CONDUIT_DELEGATE_TAGS.",
      };
    case "CredentialsProviderError":
      return {
        text: "The Conduit server has no AWS credentials of its own (no AWS_ACCESS_KEY_ID, profile, container or instance role). Give the server a role, or use access keys in the connector.",
      };
    case "SecretNotFound":
      return {
        text: "A secret the connector references no longer resolves. Edit the connector and pick an existing secret.",
      };
    default:
      return undefined;
  }
}

// Unit: AWS failures → reason, detail and fix, for connection-test steps and lookups (no network).
import { describe, expect, it } from "vitest";
import { THROTTLING_ERROR_CODES } from "@/lib/aws/backoff";
import { CredentialSetupError } from "@/lib/connectors/credentials";
import { diagnoseAws, type AwsWhere } from "./aws";
import { diagnosisError } from "./problem";

/** An error shaped like the SDK's modeled service exceptions. */
const awsErr = (code: string, message = code, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name: code, Code: code, $metadata: { requestId: "req-1" }, ...extra });

const test = (w: Partial<AwsWhere>): AwsWhere => ({
  action: "get-caller-identity",
  context: "test",
  region: "us-east-1",
  ...w,
});

describe("diagnoseAws in a connection test", () => {
  it("says the secret key is wrong for signature mismatches", () => {
    for (const code of ["SignatureDoesNotMatch", "InvalidSignatureException"]) {
      const d = diagnoseAws(awsErr(code), test({}));
      expect(d).toMatchObject({ reason: "credentials-rejected", code, awsRequestId: "req-1" });
      expect(d.fix).toMatch(/secret access key is wrong/);
    }
  });

  it("names the partition for unknown keys", () => {
    expect(diagnoseAws(awsErr("InvalidClientTokenId"), test({})).fix).toMatch(/does not exist in commercial AWS/);
    expect(diagnoseAws(awsErr("InvalidClientTokenId"), test({ region: "us-gov-east-1" })).fix).toMatch(
      /does not exist in AWS GovCloud \(US\)/,
    );
    expect(diagnoseAws(awsErr("AuthFailure"), test({ region: "cn-north-1" })).fix).toMatch(/AWS China/);
  });

  it("gives the trust policy to add when AssumeRole is denied, with the external ID condition", () => {
    const d = diagnoseAws(
      awsErr("AccessDenied"),
      test({
        action: "assume-role",
        callerArn: "arn:aws:iam::111122223333:user/ci",
        roleArn: "arn:aws:iam::444455556666:role/deploy",
        externalId: "e-1",
      }),
    );
    expect(d.reason).toBe("assume-role-denied");
    expect(d.fix).toMatch(
      /arn:aws:iam::444455556666:role\/deploy does not let arn:aws:iam::111122223333:user\/ci assume it.*external ID differs/,
    );
    expect(d.policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:user/ci" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "e-1" } },
        },
      ],
    });
    expect(diagnoseAws(awsErr("AccessDenied"), test({ action: "assume-role" })).policy).not.toHaveProperty(
      "Statement.0.Condition",
    );
  });

  it("gives the DescribeRegions policy when EC2 denies it", () => {
    for (const code of ["UnauthorizedOperation", "AccessDenied"]) {
      expect(diagnoseAws(awsErr(code), test({ action: "describe-regions" })).policy).toMatchObject({
        Statement: [{ Action: "ec2:DescribeRegions", Effect: "Allow", Resource: "*" }],
      });
    }
  });

  it("maps every throttling code to the backoff advice with the retry count", () => {
    for (const code of THROTTLING_ERROR_CODES) {
      const d = diagnoseAws(awsErr(code), test({ retries: 3 }));
      expect(d.reason, code).toBe("throttled");
      expect(d.fix, code).toMatch(/kept throttling the call after 3 retries/);
    }
  });

  it("names socket errors by their code, not as the timeouts the SDK calls them, and hides SDK internals", () => {
    const sock = (code: string) =>
      Object.assign(new Error(`read ${code}`), { name: code === "ECONNRESET" ? "TimeoutError" : "Error", code });
    const reset = diagnoseAws(sock("ECONNRESET"), test({ timeoutSeconds: 2 }));
    expect(reset).toMatchObject({
      reason: "aws-connection-reset",
      detail: "The connection to AWS was reset (ECONNRESET).",
    });
    expect(reset.fix).toMatch(/closed the connection/);
    expect(diagnoseAws(sock("ECONNREFUSED"), test({})).reason).toBe("aws-unreachable");
    expect(diagnoseAws(sock("ENOTFOUND"), test({})).fix).toMatch(/cannot resolve the AWS endpoint/);
    const half = diagnoseAws(
      Object.assign(
        new Error(
          "aborted\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.",
        ),
        { code: "ECONNRESET", $metadata: { httpStatusCode: 200, requestId: "r-9" } },
      ),
      test({}),
    );
    expect(half).toMatchObject({ reason: "aws-incomplete-answer", code: "IncompleteResponse" });
    expect(JSON.stringify(half)).not.toMatch(/Deserialization|\$response/);
  });

  it("covers setup problems and timeouts, and has no fix for unknown codes", () => {
    expect(diagnoseAws(awsErr("ExpiredToken"), test({})).fix).toMatch(/session token has expired/);
    const timeout = diagnoseAws(
      Object.assign(new Error("socket hang up"), { name: "TimeoutError" }),
      test({ timeoutSeconds: 10 }),
    );
    expect(timeout).toMatchObject({ reason: "aws-timeout", detail: "Timed out after 10 s waiting for AWS" });
    expect(timeout.fix).toMatch(/within 10 s/);
    const whole = diagnoseAws(new Error("aborted"), test({ testTimedOut: true, timeoutSeconds: 30 }));
    expect(whole).toMatchObject({ reason: "test-timeout", code: "TestTimeout" });
    expect(whole.detail).toBe("Timed out after 30 s (the limit for the whole test)");
    const irsa = diagnoseAws(new CredentialSetupError("IrsaNotConfigured", "no token file"), test({}));
    expect(irsa).toMatchObject({ reason: "setup", code: "IrsaNotConfigured", detail: "no token file" });
    expect(irsa.fix).toMatch(/eks.amazonaws.com\/role-arn/);
    expect(diagnoseAws(new CredentialSetupError("DelegateMismatch", "x"), test({})).fix).toMatch(
      /CONDUIT_DELEGATE_TAGS/,
    );
    const unknown = diagnoseAws(awsErr("SomethingNew", "odd"), test({}));
    expect(unknown).toMatchObject({ reason: "aws-error", detail: "SomethingNew: odd" });
    expect(unknown.fix).toBeUndefined();
  });

  it("explains OIDC failures at the credentials step with the token's claims and the AWS setup (GovCloud-aware)", () => {
    const oidc = {
      issuer: "https://conduit.example.com/api/oidc/account/a1",
      audience: "sts.amazonaws.com",
      subject: "account/a1:org/:project/",
      roleArn: "arn:aws-us-gov:iam::111122223333:role/conduit",
      sessionTags: false,
    };
    const c = (code: string, message = code) =>
      diagnoseAws(awsErr(code, message), test({ action: "resolve-credentials", oidc, region: "us-gov-west-1" }));
    const denied = c("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    expect(denied.fix).toContain("sub account/a1:org/:project/");
    expect(denied.policy).toMatchObject({
      Statement: [
        {
          Principal: {
            Federated: "arn:aws-us-gov:iam::111122223333:oidc-provider/conduit.example.com/api/oidc/account/a1",
          },
        },
      ],
    });
    expect(denied.commands?.[0]).toMatch(/create-role --role-name conduit .*--region us-gov-west-1$/);
    expect(c("InvalidIdentityToken", "No OpenIDConnect provider found in your account for x").commands?.[0]).toMatch(
      /^aws iam create-open-id-connect-provider --url https:\/\/conduit.example.com/,
    );
    expect(c("InvalidIdentityToken", "Incorrect token audience").commands?.[0]).toMatch(
      /add-client-id-to-open-id-connect-provider .*--client-id sts.amazonaws.com/,
    );
    expect(c("InvalidIdentityToken", "could not be validated").fix).toMatch(/signature/);
    expect(c("IDPCommunicationError").fix).toMatch(/CONDUIT_PUBLIC_URL/);
    expect(c("ExpiredTokenException").fix).toMatch(/clock/);
    // Other steps of an OIDC connector keep their usual advice.
    expect(diagnoseAws(awsErr("AccessDenied"), test({ action: "describe-regions", oidc })).policy).toMatchObject({
      Statement: [{ Action: "ec2:DescribeRegions" }],
    });
  });
});

describe("diagnoseAws in a lookup", () => {
  const lookup = (w: Partial<AwsWhere>): AwsWhere =>
    test({ context: "lookup", action: "describe-cluster", doing: "describing payments in us-east-1", ...w });

  it("classifies the failure once, so a lookup's 502 carries the same reason a test step would", () => {
    const denied = diagnosisError(
      diagnoseAws(awsErr("AccessDeniedException", "not authorized: eks:DescribeCluster"), lookup({})),
    );
    expect(denied).toMatchObject({
      code: "UPSTREAM_FAILED",
      options: { extra: { reason: "describe-denied", awsCode: "AccessDeniedException" } },
    });
    expect(denied.detail).toMatch(
      /^AWS refused describing payments in us-east-1: AccessDeniedException: .*allow eks:DescribeCluster/,
    );
    const role = diagnoseAws(
      awsErr("AccessDenied", "not authorized to perform: sts:AssumeRole on x"),
      lookup({ roleArn: "arn:aws:iam::1:role/r", externalId: "e" }),
    );
    expect(role.reason).toBe("assume-role-denied");
    expect(role.fix).toMatch(
      /trust policy and external ID of the connector's cross-account role arn:aws:iam::1:role\/r/,
    );
    const rejected = diagnoseAws(awsErr("InvalidClientTokenId"), lookup({ region: "us-gov-west-1" }));
    expect(rejected).toMatchObject({ reason: "credentials-rejected" });
    expect(rejected.fix).toMatch(/connection test; GovCloud credentials only work in aws-us-gov regions/);
  });

  it("answers 404 for a cluster that does not exist, and names a region that rejects credentials", () => {
    expect(diagnosisError(diagnoseAws(awsErr("ResourceNotFoundException"), lookup({})))).toMatchObject({
      code: "NOT_FOUND",
      options: { extra: { reason: "cluster-not-found" } },
    });
    expect(diagnoseAws(awsErr("UnrecognizedClientException"), lookup({ action: "list-clusters" })).fix).toMatch(
      /is the region enabled for this account\?/,
    );
    expect(diagnoseAws(awsErr("AccessDeniedException"), lookup({ action: "list-clusters" })).fix).toBe(
      "allow eks:ListClusters in this region",
    );
  });

  it("lets the caller's domain give its own advice for a reason", () => {
    const d = diagnoseAws(
      awsErr("AccessDenied"),
      lookup({ action: "assume-role", fixes: { "assume-role-denied": "Use the guide's trust policy." } }),
    );
    expect(d.fix).toBe("Use the guide's trust policy.");
  });
});

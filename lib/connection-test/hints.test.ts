import { describe, expect, it } from "vitest";
import { THROTTLING_ERROR_CODES } from "@/lib/aws/backoff";
import { hintFor } from "./hints";
import type { HintContext } from "./types";

const ctx = (c: Partial<HintContext>): HintContext => ({
  step: "identity",
  code: "",
  region: "us-east-1",
  retries: 0,
  ...c,
});

describe("hintFor", () => {
  it("says the secret key is wrong for signature mismatches", () => {
    expect(hintFor(ctx({ code: "SignatureDoesNotMatch" }))?.text).toMatch(/secret access key is wrong/);
    expect(hintFor(ctx({ code: "InvalidSignatureException" }))?.text).toMatch(/secret access key is wrong/);
  });

  it("names the partition for unknown keys", () => {
    expect(hintFor(ctx({ code: "InvalidClientTokenId" }))?.text).toMatch(/does not exist in commercial AWS/);
    expect(hintFor(ctx({ code: "InvalidClientTokenId", region: "us-gov-east-1" }))?.text).toMatch(
      /does not exist in AWS GovCloud \(US\)/,
    );
    expect(hintFor(ctx({ code: "AuthFailure", region: "cn-north-1" }))?.text).toMatch(/AWS China/);
  });

  it("gives the trust policy to add when AssumeRole is denied, with the external ID condition", () => {
    const h = hintFor(
      ctx({
        step: "assumeRole",
        code: "AccessDenied",
        callerArn: "arn:aws:iam::111122223333:user/ci",
        roleArn: "arn:aws:iam::444455556666:role/deploy",
        externalId: "e-1",
      }),
    );
    expect(h?.text).toMatch(
      /arn:aws:iam::444455556666:role\/deploy does not let arn:aws:iam::111122223333:user\/ci assume it.*external ID differs/,
    );
    expect(h?.policy).toEqual({
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
    expect(hintFor(ctx({ step: "assumeRole", code: "AccessDenied" }))?.policy).not.toHaveProperty(
      "Statement.0.Condition",
    );
  });

  it("gives the DescribeRegions policy when EC2 denies it", () => {
    for (const code of ["UnauthorizedOperation", "AccessDenied"]) {
      expect(hintFor(ctx({ step: "describeRegions", code }))?.policy).toMatchObject({
        Statement: [{ Action: "ec2:DescribeRegions", Effect: "Allow", Resource: "*" }],
      });
    }
  });

  it("maps every throttling code to the backoff hint with the retry count", () => {
    for (const code of THROTTLING_ERROR_CODES) {
      expect(hintFor(ctx({ code, retries: 3 }))?.text, code).toMatch(/kept throttling the call after 3 retries/);
    }
  });

  it("covers setup problems and timeouts, and has no hint for unknown codes", () => {
    expect(hintFor(ctx({ code: "ExpiredToken" }))?.text).toMatch(/session token has expired/);
    expect(hintFor(ctx({ code: "RequestTimeout", timeoutSeconds: 10 }))?.text).toMatch(/within 10 s/);
    expect(hintFor(ctx({ code: "IrsaNotConfigured" }))?.text).toMatch(/eks.amazonaws.com\/role-arn/);
    expect(hintFor(ctx({ code: "DelegateMismatch" }))?.text).toMatch(/CONDUIT_DELEGATE_TAGS/);
    expect(hintFor(ctx({ code: "SomethingNew" }))).toBeUndefined();
  });

  it("explains OIDC failures at the credentials step with the token's claims and the AWS setup (GovCloud-aware)", () => {
    const oidc = {
      issuer: "https://conduit.example.com/api/oidc/account/a1",
      audience: "sts.amazonaws.com",
      subject: "account/a1:org/:project/",
      roleArn: "arn:aws-us-gov:iam::111122223333:role/conduit",
      sessionTags: false,
    };
    const c = (code: string, message = "") =>
      hintFor(ctx({ step: "credentials", code, message, oidc, region: "us-gov-west-1" }));
    const denied = c("AccessDenied");
    expect(denied?.text).toContain("sub account/a1:org/:project/");
    expect(denied?.policy).toMatchObject({
      Statement: [
        {
          Principal: {
            Federated: "arn:aws-us-gov:iam::111122223333:oidc-provider/conduit.example.com/api/oidc/account/a1",
          },
        },
      ],
    });
    expect(denied?.commands?.[0]).toMatch(/create-role --role-name conduit .*--region us-gov-west-1$/);
    expect(c("InvalidIdentityToken", "No OpenIDConnect provider found in your account for x")?.commands?.[0]).toMatch(
      /^aws iam create-open-id-connect-provider --url https:\/\/conduit.example.com/,
    );
    expect(c("InvalidIdentityToken", "Incorrect token audience")?.commands?.[0]).toMatch(
      /add-client-id-to-open-id-connect-provider .*--client-id sts.amazonaws.com/,
    );
    expect(c("InvalidIdentityToken", "could not be validated")?.text).toMatch(/signature/);
    expect(c("IDPCommunicationError")?.text).toMatch(/CONDUIT_PUBLIC_URL/);
    expect(c("ExpiredTokenException")?.text).toMatch(/clock/);
    // Other steps of an OIDC connector keep their usual hints.
    expect(hintFor(ctx({ step: "describeRegions", code: "AccessDenied", oidc }))?.policy).toMatchObject({
      Statement: [{ Action: "ec2:DescribeRegions" }],
    });
  });
});

import { describe, expect, it } from "vitest";
import {
  irsaSetupCommands,
  issuerHostPath,
  oidcProviderArn,
  oidcSetupCommands,
  oidcTrustPolicy,
  roleOfArn,
} from "./policy";

const issuer = "https://conduit.example.com/api/oidc/account/acc1";
const hp = "conduit.example.com/api/oidc/account/acc1";
const sub = "account/acc1:org/default:project/p1";

describe("OIDC trust policy", () => {
  it("commercial AWS: federated provider ARN, web identity action, aud and sub conditions", () => {
    expect(issuerHostPath(`${issuer}/`)).toBe(hp);
    expect(
      oidcTrustPolicy({
        partition: "aws",
        accountId: "156272853481",
        issuer,
        audience: "sts.amazonaws.com",
        subject: sub,
      }),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::156272853481:oidc-provider/${hp}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${hp}:aud`]: "sts.amazonaws.com", [`${hp}:sub`]: sub } },
        },
      ],
    });
  });

  it("GovCloud builds the ARN in aws-us-gov; session tags add sts:TagSession", () => {
    const p = oidcTrustPolicy({
      partition: "aws-us-gov",
      accountId: "111122223333",
      issuer,
      audience: "sts.amazonaws.com",
      subject: sub,
      sessionTags: true,
    });
    expect(p).toMatchObject({
      Statement: [
        {
          Principal: { Federated: `arn:aws-us-gov:iam::111122223333:oidc-provider/${hp}` },
          Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
        },
      ],
    });
    expect(oidcProviderArn({ partition: "aws-cn", accountId: "111122223333", issuer })).toBe(
      `arn:aws-cn:iam::111122223333:oidc-provider/${hp}`,
    );
  });

  it("setup commands create the provider and the role (with the partition's region outside commercial AWS)", () => {
    const c = oidcSetupCommands({
      partition: "aws",
      accountId: "1",
      issuer,
      audience: "sts.amazonaws.com",
      subject: sub,
      roleName: "conduit",
    });
    expect(c.commands[0]).toBe(
      `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list sts.amazonaws.com`,
    );
    expect(c.commands[1]).toBe(
      "aws iam create-role --role-name conduit --assume-role-policy-document file://trust.json",
    );
    expect(JSON.parse(c.trustPolicyJson)).toEqual(c.trustPolicy);
    expect(c.notes.join(" ")).toMatch(/thumbprint-list is optional/);
    const gov = oidcSetupCommands({
      partition: "aws-us-gov",
      accountId: "1",
      issuer,
      audience: "a",
      subject: sub,
      roleName: "r",
      rolePath: "/ci/",
      region: "us-gov-east-1",
    });
    expect(gov.commands[0]).toMatch(/--region us-gov-east-1$/);
    expect(gov.commands[1]).toBe(
      "aws iam create-role --role-name r --path /ci/ --assume-role-policy-document file://trust.json --region us-gov-east-1",
    );
  });

  it("reads partition, account, name and path from a role ARN", () => {
    expect(roleOfArn("arn:aws-us-gov:iam::111122223333:role/ci/deploy")).toEqual({
      partition: "aws-us-gov",
      accountId: "111122223333",
      roleName: "deploy",
      path: "/ci/",
    });
    expect(roleOfArn("arn:aws:iam::111122223333:role/deploy")).toMatchObject({ roleName: "deploy", path: "/" });
    expect(roleOfArn("arn:aws:iam::111122223333:user/deploy")).toBeNull();
  });

  it("IRSA trusts exactly the delegate's service account through the cluster's issuer", () => {
    const s = irsaSetupCommands({
      partition: "aws",
      region: "eu-west-1",
      issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
      accountId: "111122223333",
      clusterName: "ops",
      namespace: "conduit",
      serviceAccount: "conduit-delegate",
      roleName: "conduit-delegate",
    });
    expect(s.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: {
            Federated: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
          },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.eu-west-1.amazonaws.com/id/ABC123:aud": "sts.amazonaws.com",
              "oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:conduit:conduit-delegate",
            },
          },
        },
      ],
    });
    expect(s.roleArn).toBe("arn:aws:iam::111122223333:role/conduit-delegate");
    expect(s.commands.at(-1)).toBe(
      "kubectl annotate serviceaccount --namespace conduit conduit-delegate eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/conduit-delegate --overwrite",
    );
  });

  it("IRSA in GovCloud, before the issuer and account are known: placeholders, the partition, --region", () => {
    const s = irsaSetupCommands({
      partition: "aws-us-gov",
      region: "us-gov-west-1",
      namespace: "ns",
      serviceAccount: "sa",
    });
    expect(s.roleArn).toBe("arn:aws-us-gov:iam::<ACCOUNT_ID>:role/<ROLE_NAME>");
    expect(s.trustPolicyJson).toContain(
      "arn:aws-us-gov:iam::<ACCOUNT_ID>:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/<CLUSTER_OIDC_ID>",
    );
    expect(s.commands[0]).toContain("--name <CLUSTER_NAME> --region us-gov-west-1");
    expect(s.commands[2]).toMatch(/--region us-gov-west-1$/);
  });
});

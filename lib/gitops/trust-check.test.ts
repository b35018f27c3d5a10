import { describe, expect, it } from "vitest";
import { trustAllows } from "./trust-check";

const hp = "oidc.eks.us-east-1.amazonaws.com/id/ABC";
const provider = `arn:aws:iam::111122223333:oidc-provider/${hp}`;
const agentTrust = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: provider },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { [`${hp}:aud`]: "sts.amazonaws.com" },
        StringLike: { [`${hp}:sub`]: "system:serviceaccount:iam:*" },
      },
    },
  ],
};
const web = (sub: string, aud = "sts.amazonaws.com", doc: unknown = agentTrust, federated = provider) =>
  trustAllows(doc, {
    action: "sts:AssumeRoleWithWebIdentity",
    federated,
    context: { [`${hp}:aud`]: [aud], [`${hp}:sub`]: [sub] },
  });

describe("trust policy check", () => {
  it("allows the namespace's service accounts from the provider with the STS audience", () => {
    expect(web("system:serviceaccount:iam:gitops-agent")).toEqual({ allowed: true, statement: "statement 1" });
    expect(web("system:serviceaccount:argocd:gitops-agent").allowed).toBe(false);
    expect(web("system:serviceaccount:iam:gitops-agent", "other").allowed).toBe(false);
    expect(
      web("system:serviceaccount:iam:x", "sts.amazonaws.com", agentTrust, "arn:aws:iam::1:oidc-provider/x").allowed,
    ).toBe(false);
  });

  it("an explicit Deny wins and names its statement", () => {
    const doc = {
      Statement: [
        ...agentTrust.Statement,
        {
          Sid: "NoController",
          Effect: "Deny",
          Principal: "*",
          Action: "sts:*",
          Condition: { StringEquals: { [`${hp}:sub`]: "system:serviceaccount:iam:argocd-application-controller" } },
        },
      ],
    };
    expect(web("system:serviceaccount:iam:argocd-application-controller", undefined, doc)).toEqual({
      allowed: false,
      statement: "NoController",
      explicitDeny: true,
    });
    expect(web("system:serviceaccount:iam:gitops-agent", undefined, doc).allowed).toBe(true);
  });

  it("AWS principals: the role's ARN, its account, or *", () => {
    const deployer = {
      Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:role/ArgoCD" }, Action: "sts:AssumeRole" }],
    };
    expect(trustAllows(deployer, { action: "sts:AssumeRole", aws: ["arn:aws:iam::1:role/ArgoCD"] }).allowed).toBe(true);
    expect(trustAllows(deployer, { action: "sts:AssumeRole", aws: ["arn:aws:iam::1:role/Other"] }).allowed).toBe(false);
    expect(
      trustAllows(deployer, { action: "sts:AssumeRoleWithWebIdentity", aws: ["arn:aws:iam::1:role/ArgoCD"] }).allowed,
    ).toBe(false);
    expect(trustAllows(null, { action: "sts:AssumeRole", aws: ["x"] }).allowed).toBe(false);
  });
});

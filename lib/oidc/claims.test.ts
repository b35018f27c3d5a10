import { describe, expect, it } from "vitest";
import { AWS_TAGS_CLAIM, ClaimsError, oidcClaims, oidcSubject, type ClaimsInput } from "./claims";

const ISS = "https://conduit.example.com/api/oidc/account/acc1";
const base = (o: Partial<ClaimsInput> = {}): ClaimsInput => ({
  issuer: ISS,
  accountId: "acc1",
  context: "CONNECTOR_VALIDATION",
  ...o,
});

describe("oidcSubject", () => {
  it("names the scope exactly as Harness does", () => {
    expect(oidcSubject({ accountId: "acc1", orgIdentifier: "default", projectIdentifier: "OIDC_Test" })).toBe(
      "account/acc1:org/default:project/OIDC_Test",
    );
    expect(oidcSubject({ accountId: "acc1", orgIdentifier: "default" })).toBe("account/acc1:org/default:project/");
    expect(oidcSubject({ accountId: "acc1" })).toBe("account/acc1:org/:project/");
  });

  it("appends the pipeline for pipeline-scoped subjects, which need a project", () => {
    expect(
      oidcSubject({ accountId: "acc1", orgIdentifier: "o", projectIdentifier: "p", pipelineIdentifier: "deploy" }),
    ).toBe("account/acc1:org/o:project/p:pipeline/deploy");
    expect(() => oidcSubject({ accountId: "acc1", orgIdentifier: "o", pipelineIdentifier: "deploy" })).toThrow(
      ClaimsError,
    );
    expect(() => oidcSubject({ accountId: "acc1", projectIdentifier: "p" })).toThrow(ClaimsError);
  });
});

describe("oidcClaims", () => {
  it("project scope: every custom claim, default audience, one hour", () => {
    const c = oidcClaims(
      base({
        orgIdentifier: "default",
        projectIdentifier: "OIDC_Test",
        connectorIdentifier: "AWS_OIDC",
        connectorName: "AWS OIDC",
      }),
      1718128539,
    );
    expect(c).toEqual({
      iss: ISS,
      sub: "account/acc1:org/default:project/OIDC_Test",
      aud: "sts.amazonaws.com",
      iat: 1718128539,
      exp: 1718132139,
      account_id: "acc1",
      organization_id: "default",
      project_id: "OIDC_Test",
      connector_id: "AWS_OIDC",
      connector_name: "AWS OIDC",
      context: "CONNECTOR_VALIDATION",
    });
  });

  it("org scope has no project_id; account scope no organization_id either", () => {
    const org = oidcClaims(
      base({ orgIdentifier: "default", connectorIdentifier: "AWS_OIDC_Org", connectorName: "AWS_OIDC_Org" }),
      100,
    );
    expect(org).not.toHaveProperty("project_id");
    expect(org).toMatchObject({ sub: "account/acc1:org/default:project/", organization_id: "default" });
    const acc = oidcClaims(base({ context: "PIPELINE_EXECUTION" }), 100);
    expect(acc).not.toHaveProperty("organization_id");
    expect(acc).not.toHaveProperty("project_id");
    expect(acc).toMatchObject({ sub: "account/acc1:org/:project/", account_id: "acc1", context: "PIPELINE_EXECUTION" });
  });

  it("takes another audience and a shorter lifetime, never more than an hour", () => {
    expect(oidcClaims(base({ audience: "my-aud", lifetimeSeconds: 600 }), 100)).toMatchObject({
      aud: "my-aud",
      exp: 700,
    });
    expect(() => oidcClaims(base({ lifetimeSeconds: 3601 }), 100)).toThrow(/1–3600 seconds/);
    expect(() => oidcClaims(base({ lifetimeSeconds: 0 }), 100)).toThrow(ClaimsError);
  });

  it("passes the chosen custom claims as AWS session tags, skipping absent ones", () => {
    const c = oidcClaims(
      base({
        orgIdentifier: "o",
        connectorName: "My connector (prod)",
        sessionTagKeys: ["organization_id", "project_id", "connector_name"],
      }),
      1,
    );
    expect(c[AWS_TAGS_CLAIM]).toEqual({
      principal_tags: { organization_id: ["o"], connector_name: ["My connector _prod_"] },
    });
    expect(oidcClaims(base({ sessionTagKeys: [] }), 1)).not.toHaveProperty([AWS_TAGS_CLAIM]);
  });
});

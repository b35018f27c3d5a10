// The OIDC HTTP API through its Next route handlers (withRoute, problem+json, headers).
import { createLocalJWKSet, jwtVerify } from "jose";
import { NextRequest } from "next/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as discoveryRoute from "@/app/api/oidc/account/[accountId]/.well-known/openid-configuration/route";
import * as jwksRoute from "@/app/api/oidc/account/[accountId]/jwks/route";
import * as keysRoute from "@/app/api/oidc/keys/route";
import * as rotateRoute from "@/app/api/oidc/keys/rotate/route";
import * as previewRoute from "@/app/api/oidc/preview/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createOrganization, createProject } from "@/lib/scopes/service";
import { adminHeaders } from "@/scripts/lib/test-principals";
import type { OidcPreview } from "./schemas";
import { mintOidcToken } from "./tokens";

// This file's own account (each test file runs in its own process), so rotating here does not
// change the keys other files' tests sign with.
const ACC = "routes_account";
const noParams = { params: Promise.resolve({}) };
/** An Account Admin of this file's account: every route but discovery and JWKS needs a caller. */
let auth: { authorization: string };
// Discovery and JWKS are public: asked without credentials.
const get = (handler: typeof jwksRoute.GET, url: string, accountId = ACC) =>
  handler(new NextRequest(url), { params: Promise.resolve({ accountId }) });
const post = (handler: typeof previewRoute.POST, url: string, body?: unknown) =>
  handler(
    new NextRequest(url, {
      method: "POST",
      headers: { ...auth, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }),
    noParams,
  );

beforeAll(async () => {
  process.env.CONDUIT_ACCOUNT_ID = ACC;
  resetEnvCache();
  auth = await adminHeaders();
  await createOrganization({
    input: { identifier: "eng", name: "Eng", description: "" },
    by: { id: "test", name: "Test", kind: "system" },
  });
  await createProject({
    orgIdentifier: "eng",
    input: { identifier: "web", name: "Web", description: "" },
    by: { id: "test", name: "Test", kind: "system" },
  });
});
afterEach(() => {
  delete process.env.CONDUIT_PUBLIC_URL;
  resetEnvCache();
});

describe("OIDC routes", () => {
  it("serve discovery under the request origin when CONDUIT_PUBLIC_URL is unset, cacheable", async () => {
    const res = await get(
      discoveryRoute.GET,
      `http://conduit.local:3000/api/oidc/account/${ACC}/.well-known/openid-configuration`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const issuer = `http://conduit.local:3000/api/oidc/account/${ACC}`;
    expect(await res.json()).toEqual({
      issuer,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      claims_supported: expect.arrayContaining(["sub", "aud", "account_id", "connector_id", "context"]),
    });
  });

  it("use CONDUIT_PUBLIC_URL for the issuer when set", async () => {
    process.env.CONDUIT_PUBLIC_URL = "https://conduit.example.com/";
    resetEnvCache();
    const doc = await (
      await get(discoveryRoute.GET, `http://10.0.0.5:3000/api/oidc/account/${ACC}/.well-known/openid-configuration`)
    ).json();
    expect(doc.issuer).toBe(`https://conduit.example.com/api/oidc/account/${ACC}`);
  });

  it("answer 404 problem+json for another account", async () => {
    for (const h of [discoveryRoute.GET, jwksRoute.GET]) {
      const res = await get(h, "http://x/api/oidc/account/nobody/jwks", "nobody");
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect((await res.json()).code).toBe("NOT_FOUND");
    }
  });

  it("serve a JWKS that verifies minted tokens; rotation returns the new kid and lists both, never private parts", async () => {
    const token = await mintOidcToken({ accountId: ACC, context: "CONNECTOR_VALIDATION" });
    const rotated = await post(rotateRoute.POST, "http://x/api/oidc/keys/rotate");
    expect(rotated.status).toBe(201);
    const { kid, previousKid } = await rotated.json();
    expect(previousKid).toBe(token.header.kid);
    const res = await get(jwksRoute.GET, `http://x/api/oidc/account/${ACC}/jwks`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const set = await res.json();
    expect(set.keys.map((k: { kid: string }) => k.kid)).toEqual([kid, previousKid]);
    await expect(jwtVerify(token.token, createLocalJWKSet(set))).resolves.toBeTruthy();
    const list = await (
      await keysRoute.GET(new NextRequest("http://x/api/oidc/keys", { headers: auth }), noParams)
    ).json();
    expect(list.items.slice(0, 2)).toMatchObject([
      { kid, active: true, retiredAt: null },
      { kid: previousKid, active: false },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/ciphertext|authTag|PRIVATE|"d":/);
  });

  it("refuse the 9th rotation within the hour with 429 and Retry-After, without making a key", async () => {
    const made = await db.oidcSigningKey.count({ where: { accountId: ACC, retiredAt: { not: null } } });
    for (let i = made; i < 8; i++)
      expect((await post(rotateRoute.POST, "http://x/api/oidc/keys/rotate")).status).toBe(201);
    const keys = await db.oidcSigningKey.count({ where: { accountId: ACC } });
    const refused = await post(rotateRoute.POST, "http://x/api/oidc/keys/rotate");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect((await refused.json()).detail).toMatch(/At most 8 key rotations per 60 minutes/);
    expect(await db.oidcSigningKey.count({ where: { accountId: ACC } })).toBe(keys);
  });

  it("preview: decoded header and claims for the scope, the provider ARN and trust policy, a reachability warning", async () => {
    const res = await post(previewRoute.POST, "http://x/api/oidc/preview?org=eng&project=web", {
      connectorIdentifier: "aws_oidc",
      connectorName: "AWS OIDC",
      iamRoleArn: "arn:aws-us-gov:iam::111122223333:role/ci/conduit",
      region: "us-gov-west-1",
    });
    expect(res.status).toBe(200);
    const p = (await res.json()) as OidcPreview;
    const issuer = `http://localhost:3000/api/oidc/account/${ACC}`;
    const sub = `account/${ACC}:org/eng:project/web`;
    expect(p).toMatchObject({
      issuer,
      audience: "sts.amazonaws.com",
      subject: sub,
      header: { alg: "RS256", typ: "JWT" },
      claims: {
        iss: issuer,
        sub,
        account_id: ACC,
        organization_id: "eng",
        project_id: "web",
        connector_id: "aws_oidc",
        connector_name: "AWS OIDC",
        context: "CONNECTOR_VALIDATION",
      },
      provider: {
        hostPath: `localhost:3000/api/oidc/account/${ACC}`,
        partition: "aws-us-gov",
        arn: `arn:aws-us-gov:iam::111122223333:oidc-provider/localhost:3000/api/oidc/account/${ACC}`,
      },
      publiclyReachable: false,
    });
    expect(p.reachabilityWarning).toMatch(/CONDUIT_PUBLIC_URL is not set/);
    expect(p.trustPolicy).toMatchObject({
      Statement: [{ Condition: { StringEquals: { [`localhost:3000/api/oidc/account/${ACC}:sub`]: sub } } }],
    });
    expect(p.setup?.commands[1]).toMatch(/create-role --role-name conduit --path \/ci\/ .* --region us-gov-west-1$/);
    expect(JSON.stringify(p)).not.toMatch(/eyJ/); // never a signed token
  });

  it("preview: body scope works too and must not contradict the query; without a role no policy yet", async () => {
    process.env.CONDUIT_PUBLIC_URL = "https://conduit.example.com";
    resetEnvCache();
    const p = (await (
      await post(previewRoute.POST, "http://x/api/oidc/preview", { org: "eng" })
    ).json()) as OidcPreview;
    expect(p).toMatchObject({
      subject: `account/${ACC}:org/eng:project/`,
      trustPolicy: null,
      setup: null,
      publiclyReachable: true,
    });
    expect(p.provider.arnPattern).toBe(
      `arn:aws:iam::<aws-account-id>:oidc-provider/conduit.example.com/api/oidc/account/${ACC}`,
    );
    const bad = await post(previewRoute.POST, "http://x/api/oidc/preview?org=eng&project=web", { org: "eng" });
    expect(bad.status).toBe(422);
    expect((await post(previewRoute.POST, "http://x/api/oidc/preview?org=nope", {})).status).toBe(404);
  });
});

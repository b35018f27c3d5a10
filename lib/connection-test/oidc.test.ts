// Integration: OIDC connectors against the AWS emulator with the real SDK. The emulator fetches
// Conduit's discovery document and JWKS over HTTP from the app's own route handlers.
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromWebToken } from "@aws-sdk/credential-providers";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsEmulator, type AwsEmulator } from "@/e2e/fixtures/aws-emulator";
import { startOidcIssuerServer, type IssuerServer } from "@/e2e/fixtures/oidc-issuer-server";
import { refreshingWebIdentity } from "@/lib/aws/web-identity";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { resetEnvCache } from "@/lib/env";
import { issuerUrl } from "@/lib/oidc/issuer";
import { jwks, rotateSigningKey } from "@/lib/oidc/keys";
import { oidcTrustPolicy } from "@/lib/oidc/policy";
import { mintOidcToken } from "@/lib/oidc/tokens";
import { runConnectionTest } from "./runner";

let emu: AwsEmulator;
let server: IssuerServer;
let issuer: string;
const ACC = "test_account";
const AWS_ACCOUNT = "111122223333";
const ALLOW = ["ec2:DescribeRegions", "eks:ListClusters", "eks:DescribeCluster", "iam:SimulatePrincipalPolicy"];
const scope = { accountId: ACC, orgIdentifier: "default", projectIdentifier: "default_project" };
const SUB = `account/${ACC}:org/default:project/default_project`;
const hostPath = () => issuer.replace(/^http:\/\//, "");

beforeAll(async () => {
  [emu, server] = await Promise.all([startAwsEmulator(), startOidcIssuerServer()]);
  Object.assign(process.env, emu.env(), { CONDUIT_PUBLIC_URL: server.url });
  resetEnvCache();
  issuer = issuerUrl(ACC);
});
afterAll(async () => {
  await Promise.all([server.close(), emu.close()]);
});
beforeEach(() => emu.reset()); // also forgets the emulator's cached JWKS

function federate(o: { subject?: string; provider?: boolean; roleAccount?: string; tagSession?: boolean } = {}) {
  if (o.provider !== false)
    emu.addOidcProvider({ url: issuer, clientIds: ["sts.amazonaws.com"], accountId: AWS_ACCOUNT });
  return emu.addRole({
    name: "conduit-oidc",
    accountId: o.roleAccount ?? AWS_ACCOUNT,
    allow: ALLOW,
    trust: {
      webIdentity: { issuer, audience: "sts.amazonaws.com", subject: o.subject ?? SUB, tagSession: o.tagSession },
    },
  });
}

const oidcSpec = (
  iamRoleArn: string,
  oidcSessionTagKeys?: ("connector_id" | "project_id")[],
): ConnectorInput["spec"] => ({
  credential: {
    type: "OidcAuthentication",
    spec: { iamRoleArn, ...(oidcSessionTagKeys ? { oidcSessionTagKeys } : {}) },
    region: "us-east-1",
  },
  delegateSelectors: [],
  executeOnDelegate: true,
});

async function run(spec: ConnectorInput["spec"]) {
  const result = await runConnectionTest({
    identifier: "aws_oidc",
    connector: { name: "AWS OIDC", scope },
    spec,
    readSecret: () => Promise.reject(new Error("no secrets")),
    emit: () => {},
    timeoutMs: 20_000,
    callTimeoutMs: 5_000,
    delegateId: "test",
    random: () => 0.5,
  });
  return { result, step: (id: string) => result.steps.find((s) => s.step === id)! };
}

const anonymousSts = () =>
  new STSClient({ region: "us-east-1", maxAttempts: 1, credentials: { accessKeyId: "", secretAccessKey: "" } });

describe("OIDC connectors against the emulator", () => {
  it("pass the whole connection test with a role that trusts Conduit's issuer, audience and subject", async () => {
    const role = federate();
    const { result, step } = await run(oidcSpec(role.arn));
    expect(result.status).toBe("SUCCESS");
    expect(step("credentials").data).toEqual({
      issuer,
      audience: "sts.amazonaws.com",
      subject: SUB,
      roleArn: role.arn,
    });
    expect(step("identity").data?.arn).toBe(`arn:aws:sts::${AWS_ACCOUNT}:assumed-role/conduit-oidc/conduit-aws_oidc`);
    expect(["describeRegions", "permissions"].map((s) => step(s).status)).toEqual(["passed", "passed"]);
    // AWS found the keys the way it does in real life: discovery, then jwks_uri.
    expect(server.requests.slice(-2)).toEqual([
      `/api/oidc/account/${ACC}/.well-known/openid-configuration`,
      `/api/oidc/account/${ACC}/jwks`,
    ]);
  });

  it("a role trusting another subject fails at the credentials step with the token's sub and the policy it needs", async () => {
    const role = federate({ subject: `account/${ACC}:org/default:project/other` });
    const { result, step } = await run(oidcSpec(role.arn));
    expect(result.status).toBe("FAILURE");
    expect(step("credentials")).toMatchObject({ status: "failed", errorCode: "AccessDenied" });
    expect(step("credentials").hint?.text).toContain(`sub ${SUB}`);
    expect(step("credentials").hint?.text).toMatch(
      /aud sts\.amazonaws\.com.*either the role does not exist|either the role does not exist.*aud sts\.amazonaws\.com/s,
    );
    expect(step("credentials").hint?.policy).toEqual(
      oidcTrustPolicy({
        partition: "aws",
        accountId: AWS_ACCOUNT,
        issuer,
        audience: "sts.amazonaws.com",
        subject: SUB,
      }),
    );
    expect(step("credentials").hint?.policy).toMatchObject({
      Statement: [
        {
          Principal: { Federated: `arn:aws:iam::${AWS_ACCOUNT}:oidc-provider/${hostPath()}` },
          Condition: { StringEquals: { [`${hostPath()}:sub`]: SUB } },
        },
      ],
    });
    expect(step("identity").status).toBe("skipped");
  });

  it("session tags need sts:TagSession in the trust policy; the hint's policy has it, and with it the test passes", async () => {
    const spec = oidcSpec(`arn:aws:iam::${AWS_ACCOUNT}:role/conduit-oidc`, ["connector_id", "project_id"]);
    federate();
    const denied = await run(spec);
    expect(denied.step("credentials")).toMatchObject({ status: "failed", errorCode: "AccessDenied" });
    expect(denied.step("credentials").hint?.text).toContain("sts:TagSession");
    const policy = denied.step("credentials").hint?.policy as { Statement: { Action: unknown }[] };
    expect(policy.Statement[0]!.Action).toEqual(["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]);
    emu.reset();
    federate({ tagSession: true });
    expect((await run(spec)).result.status).toBe("SUCCESS");
  });

  it("a role that does not exist gets the same denial, and the hint says so", async () => {
    federate();
    const { step } = await run(oidcSpec(`arn:aws:iam::${AWS_ACCOUNT}:role/missing`));
    expect(step("credentials")).toMatchObject({ status: "failed", errorCode: "AccessDenied" });
    expect(step("credentials").hint?.text).toMatch(/role does not exist/);
  });

  it("an account without Conduit's identity provider gets the create-open-id-connect-provider hint", async () => {
    const role = federate({ roleAccount: "444455556666" });
    const { step } = await run(oidcSpec(role.arn));
    expect(step("credentials")).toMatchObject({ status: "failed", errorCode: "InvalidIdentityToken" });
    expect(step("credentials").hint?.text).toMatch(/has no IAM OIDC identity provider/);
    expect(step("credentials").hint?.commands).toEqual([
      `aws iam create-open-id-connect-provider --url ${issuer} --client-id-list sts.amazonaws.com`,
    ]);
  });

  it("after a key rotation, tokens of the old and the new key both verify (the JWKS serves both)", async () => {
    const role = federate();
    const old = await mintOidcToken({ ...scope, context: "CONNECTOR_VALIDATION" });
    const r = await rotateSigningKey(ACC, { id: "test", name: "test", kind: "system" });
    const fresh = await mintOidcToken({ ...scope, context: "CONNECTOR_VALIDATION" });
    expect(decodeProtectedHeader(fresh.token).kid).toBe(r.kid);
    const remote = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    for (const t of [old, fresh]) await expect(jwtVerify(t.token, remote, { issuer })).resolves.toBeTruthy();
    // STS accepts a token signed just before the rotation, and the next test signs with the new key.
    const out = await anonymousSts().send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: role.arn, RoleSessionName: "old", WebIdentityToken: old.token }),
    );
    expect(out.SubjectFromWebIdentityToken).toBe(SUB);
    expect((await run(oidcSpec(role.arn))).result.status).toBe("SUCCESS");
    expect((await jwks(ACC)).keys.map((k) => k.kid)).toEqual(expect.arrayContaining([r.kid, old.header.kid]));
  });

  it("mints a new token on every refresh, so expiry (emulator clock) is handled by re-minting", async () => {
    const role = federate();
    const clock = () => emu.clock.now().getTime();
    const mint = () => mintOidcToken({ ...scope, context: "CONNECTOR_VALIDATION", now: clock });
    const provider = refreshingWebIdentity({
      roleArn: role.arn,
      roleSessionName: "refresh",
      token: () => mint().then((t) => t.token),
      clientConfig: { region: "us-east-1" },
    });
    const first = await provider();
    const staleToken = (await mint()).token;
    emu.clock.advance(2 * 3600_000); // both the first credentials and every token minted so far expire
    const sts = (c: typeof first) => new STSClient({ region: "us-east-1", maxAttempts: 1, credentials: c });
    await expect(sts(first).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "ExpiredToken" });
    // A static token (fromWebToken alone) dies with its expiry...
    await expect(
      fromWebToken({
        roleArn: role.arn,
        roleSessionName: "static",
        webIdentityToken: staleToken,
        clientConfig: { region: "us-east-1", maxAttempts: 1 },
      })(),
    ).rejects.toMatchObject({ name: "ExpiredTokenException" });
    // ...the refreshing provider signs a new one and gets new credentials.
    const second = await provider();
    expect(second.expiration!.getTime()).toBeGreaterThan(clock());
    expect((await sts(second).send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${AWS_ACCOUNT}:assumed-role/conduit-oidc/refresh`,
    );
  });
});

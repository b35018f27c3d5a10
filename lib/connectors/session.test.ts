// Integration: connector sessions from stored connectors (PostgreSQL, sealed secrets) against the
// AWS emulator through AWS_ENDPOINT_URL_*: access keys, a cross-account role with an external ID
// (the emulator checks it), the connector's backoff, and the refusals before any AWS call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { accessKeyConnector } from "@/scripts/lib/test-inputs";
import { startAwsEmulator, type AwsEmulator, type UserInfo } from "@/e2e/fixtures/aws-emulator";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { createConnector } from "@/lib/connectors/service";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { createOrganization, createProject, resolveScope } from "@/lib/scopes/service";
import type { Scope } from "@/lib/scope";
import { createSecret } from "@/lib/secrets/service";
import { decodeJwt } from "jose";
import { connectorOidcContext } from "./aws-calls";
import { signOidcToken } from "./credentials";
import { clearSessionCache, connectorSession, openConnectorSession } from "./session";
import { getCallerIdentity } from "@/lib/aws/sts";

const ACCOUNT = "111122223333";
const TARGET = "444455556666";
const suffix = Date.now().toString(36);
const ORG = `sess_${suffix}`;
const by = { id: "test", name: "Test", kind: "system" } as const;
let emu: AwsEmulator;
let user: UserInfo;
let account: Scope;
let project: Scope;

type Credential = ConnectorInput["spec"]["credential"];

async function connector(
  scope: Scope,
  identifier: string,
  o: { credential?: Partial<Credential>; spec?: Partial<ConnectorInput["spec"]>; secretScope?: Scope } = {},
) {
  const secretScope = o.secretScope ?? scope;
  const secret = `sk_${identifier}`;
  await createSecret({
    scope: secretScope,
    input: { identifier: secret, name: secret, description: "", tags: {}, value: user.secretAccessKey },
    by,
  });
  const secretKeyRef = secretScope.level === scope.level ? secret : `${secretScope.level}.${secret}`;
  await createConnector({
    scope,
    input: accessKeyConnector(identifier, {
      accessKey: user.accessKeyId,
      secretKeyRef,
      credential: o.credential,
      spec: o.spec,
    }),
    by,
  });
  return identifier;
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => expect.fail("expected an AppError"),
    (err: unknown) => err,
  );
  expect(e, String(e)).toBeInstanceOf(AppError);
  return e as AppError;
}

const calls = (action: string) => emu.calls.filter((c) => c.action === action);

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env(), { CONDUIT_DELEGATE_TAGS: "linux,eu" });
  resetEnvCache();
  user = emu.addUser({ name: `sess-${suffix}`, accountId: ACCOUNT, allow: ["sts:AssumeRole", "eks:ListClusters"] });
  await createOrganization({ input: { identifier: ORG, name: "Sessions", description: "" }, by });
  await createProject({ orgIdentifier: ORG, input: { identifier: "web", name: "Web", description: "" }, by });
  account = await resolveScope({});
  project = await resolveScope({ org: ORG, project: "web" });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.faults.clear();
  clearSessionCache();
});

describe("openConnectorSession", () => {
  it("access keys: the connector's key and sealed secret sign the calls, in any region of its partition", async () => {
    const id = await connector(project, `keys_${suffix}`);
    const s = await openConnectorSession(project, id);
    expect(s).toMatchObject({
      partition: "aws",
      defaultRegion: "us-east-1",
      roleArn: undefined,
      connector: { identifier: id, ref: id },
    });
    const who = await getCallerIdentity(s.callOptions("eu-west-1"));
    expect(who.arn).toBe(user.arn);
    expect(calls("GetCallerIdentity").at(-1)).toMatchObject({
      region: "eu-west-1",
      accessKeyId: user.accessKeyId,
      principal: user.arn,
    });
  });

  it("an org connector reads its secret from the org, not from the calling project", async () => {
    const orgScope = await resolveScope({ org: ORG });
    const id = await connector(orgScope, `orgkeys_${suffix}`);
    const s = await openConnectorSession(project, `org.${id}`);
    expect(s.connector).toMatchObject({ ref: `org.${id}`, scope: { level: "org" } });
    expect((await getCallerIdentity(s.callOptions("us-east-1"))).arn).toBe(user.arn);
  });

  it("cross-account role with an external ID: calls act as the role; the role is assumed once and reused", async () => {
    const role = emu.addRole({
      name: `deployer-${suffix}`,
      accountId: TARGET,
      trust: { principals: [user.arn], externalId: "ext-42" },
      allow: ["eks:ListClusters"],
    });
    const id = await connector(account, `cross_${suffix}`, {
      credential: { crossAccountAccess: { crossAccountRoleArn: role.arn, externalId: "ext-42" } },
    });
    const before = calls("AssumeRole").length;
    const s = await openConnectorSession(project, `account.${id}`);
    expect(s).toMatchObject({ roleArn: role.arn, externalId: "ext-42" });
    const who = await getCallerIdentity(s.callOptions("us-west-2"));
    expect(who.arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/deployer-${suffix}/conduit-cross_${suffix}`);
    // A second session of the same connector version reuses the role's credentials.
    const again = await openConnectorSession(project, `account.${id}`);
    expect((await getCallerIdentity(again.callOptions("eu-west-1"))).account).toBe(TARGET);
    const assumed = calls("AssumeRole").slice(before);
    expect(assumed).toHaveLength(1);
    expect(assumed[0]).toMatchObject({ status: 200, principal: user.arn, region: "us-east-1" });
  });

  it("a wrong external ID fails when the credentials are resolved, with the emulator's AccessDenied", async () => {
    const role = emu.addRole({
      name: `strict-${suffix}`,
      accountId: TARGET,
      trust: { principals: [user.arn], externalId: "right" },
      allow: [],
    });
    const id = await connector(project, `wrongext_${suffix}`, {
      credential: { crossAccountAccess: { crossAccountRoleArn: role.arn, externalId: "wrong" } },
    });
    const s = await openConnectorSession(project, id);
    const err = await s.resolveCredentials().then(
      () => expect.fail("expected AccessDenied"),
      (e: unknown) => e as { name: string },
    );
    expect(err.name).toBe("AccessDenied");
    expect(calls("AssumeRole").at(-1)).toMatchObject({ status: 403, errorCode: "AccessDenied" });
  });

  it("the connector's backoff retries a throttled call", async () => {
    const id = await connector(project, `backoff_${suffix}`, {
      spec: {
        awsSdkClientBackOffStrategyOverride: {
          type: "FixedDelayBackoffStrategy",
          spec: { fixedBackoff: 5, retryCount: 2 },
        },
      },
    });
    const s = await openConnectorSession(project, id);
    emu.faults.throttle(2, { action: "GetCallerIdentity" });
    expect((await getCallerIdentity(s.callOptions("us-east-1"))).arn).toBe(user.arn);
    expect(
      calls("GetCallerIdentity")
        .slice(-3)
        .map((c) => c.fault ?? "ok"),
    ).toEqual(["throttle", "throttle", "ok"]);
  });

  it("GovCloud connector: partition aws-us-gov; a commercial region is refused before any call", async () => {
    const id = await connector(project, `gov_${suffix}`, { credential: { region: "us-gov-west-1" } });
    const s = await openConnectorSession(project, id);
    expect(s).toMatchObject({ partition: "aws-us-gov", defaultRegion: "us-gov-west-1" });
    const e = await appError(Promise.resolve().then(() => s.callOptions("us-east-1")));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.detail).toContain("GovCloud");
    expect(s.callOptions("us-gov-east-1").region).toBe("us-gov-east-1");
  });

  it("refuses an unknown connector (404), and delegate selectors this server lacks (before any AWS call)", async () => {
    expect((await appError(openConnectorSession(project, "nope"))).code).toBe("NOT_FOUND");
    expect((await appError(openConnectorSession(account, `org.keys_${suffix}`))).code).toBe("NOT_FOUND");
    const sel = await connector(project, `sel_${suffix}`, { spec: { delegateSelectors: ["linux", "gpu"] } });
    const before = emu.calls.length;
    const e = await appError(openConnectorSession(project, sel));
    expect(emu.calls.length).toBe(before);
    expect(e).toMatchObject({ code: "VALIDATION_FAILED", options: { extra: { reason: "DelegateMismatch" } } });
    expect(e.detail).toContain("No delegate matches the selectors gpu:");
    const ok = await connector(project, `selok_${suffix}`, { spec: { delegateSelectors: ["eu"] } });
    await expect(openConnectorSession(project, ok)).resolves.toBeTruthy();
  });
});

describe("a delegate's session for an OIDC connector", () => {
  const credential = {
    type: "OidcAuthentication" as const,
    spec: { iamRoleArn: `arn:aws:iam::${TARGET}:role/federated`, oidcSessionTagKeys: [] },
    region: "us-east-1",
  };
  const connector = { identifier: "federated", name: "Federated", scope: { accountId: ACCOUNT } };

  it("the console signs the task's token with the account's key, for the connector and the task's use", async () => {
    const signed = await signOidcToken(credential, connectorOidcContext(connector, "PIPELINE_CONFIGURATION"));
    expect("token" in signed, JSON.stringify(signed)).toBe(true);
    const claims = decodeJwt((signed as { token: string }).token);
    expect(claims).toMatchObject({
      iss: signed.issuer,
      aud: "sts.amazonaws.com",
      sub: `account/${ACCOUNT}:org/:project/`,
      connector_id: "federated",
      context: "PIPELINE_CONFIGURATION",
    });
  });

  it("a token the console could not sign is the connector's setup problem, before any AWS call", async () => {
    const before = emu.calls.length;
    const e = await appError(
      connectorSession(
        { ...connector, id: "c1", version: 1, ref: "federated", spec: { credential }, lastTest: null } as never,
        () => Promise.reject(new Error("no secrets here")),
        {
          signedOidc: {
            issuer: "https://conduit.example/api/oidc/account/1",
            error: { code: "OidcSigningKeyUnavailable", message: "No signing key for the account." },
          },
        },
      ),
    );
    expect(e).toMatchObject({ code: "VALIDATION_FAILED", options: { extra: { reason: "OidcSigningKeyUnavailable" } } });
    expect(e.message).toContain("No signing key for the account.");
    expect(emu.calls.length).toBe(before);
  });
});

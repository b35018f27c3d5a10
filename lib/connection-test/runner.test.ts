// Integration: the real SDK over HTTP to the AWS emulator, through the SDK's endpoint variables.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startAwsEmulator, type AwsEmulator } from "@/e2e/fixtures/aws-emulator";
import { startTestIssuer, type TestIssuer } from "@/e2e/fixtures/aws-emulator/test-helpers";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { resetEnvCache } from "@/lib/env";
import { resolveScope } from "@/lib/scopes/service";
import { createSecret, readAwsKeyMaterial } from "@/lib/secrets/service";
import { runConnectionTest } from "./runner";
import { STEP_IDS, type StepEvent, type TestResult } from "./types";

let emu: AwsEmulator;
let issuer: TestIssuer;
const ACCOUNT = "111122223333";
const ALLOW = ["ec2:DescribeRegions", "eks:ListClusters", "eks:DescribeCluster", "iam:SimulatePrincipalPolicy"];
const suffix = Date.now().toString(36);
const by = { id: "test", name: "Test", kind: "system" } as const;

async function scope() {
  return resolveScope({});
}

async function secret(name: string, value: string) {
  const identifier = `${name}_${suffix}_${Math.floor(Math.random() * 1e6)}`;
  await createSecret({
    scope: await scope(),
    input: { identifier, name: identifier, description: "", tags: {}, value },
    by,
  });
  return identifier;
}

function manual(
  accessKey: string,
  secretKeyRef: string,
  extra: Partial<ConnectorInput["spec"]["credential"]> = {},
  spec: Partial<ConnectorInput["spec"]> = {},
): ConnectorInput["spec"] {
  return {
    credential: {
      type: "ManualConfig",
      spec: { accessKey, secretKeyRef },
      region: "us-east-1",
      ...extra,
    } as ConnectorInput["spec"]["credential"],
    delegateSelectors: [],
    executeOnDelegate: true,
    ...spec,
  };
}

async function run(spec: ConnectorInput["spec"], opts: { timeoutMs?: number; callTimeoutMs?: number } = {}) {
  const events: StepEvent[] = [];
  const s = await scope();
  const result = await runConnectionTest({
    readSecret: (ref) => readAwsKeyMaterial(s, ref),
    identifier: "itest",
    spec,
    emit: (e) => events.push(e),
    timeoutMs: opts.timeoutMs ?? 20_000,
    callTimeoutMs: opts.callTimeoutMs ?? 5_000,
    delegateId: "test-delegate",
    random: () => 0.5,
  });
  return { result, events, step: (id: string) => result.steps.find((s) => s.step === id)! };
}

const fastFixed = (retryCount: number) => ({
  type: "FixedDelayBackoffStrategy" as const,
  spec: { fixedBackoff: 5, retryCount },
});

beforeAll(async () => {
  emu = await startAwsEmulator();
  Object.assign(process.env, emu.env());
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.close();
  await emu.close();
});
afterEach(() => emu.faults.clear());

describe("connection test against the emulator", () => {
  it("ManualConfig with a plain access key and a secret key passes every step", async () => {
    const u = emu.addUser({ name: `alice-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    const { result, step, events } = await run(manual(u.accessKeyId, await secret("sk", u.secretAccessKey)));
    expect(result.status).toBe("SUCCESS");
    expect(step("identity").data).toMatchObject({ account: ACCOUNT, arn: u.arn, partition: "aws" });
    expect(step("identity").awsRequestId).toBeTruthy();
    expect(step("describeRegions").data?.count).toBeGreaterThan(10);
    expect(step("permissions").status).toBe("passed");
    expect(step("assumeRole").status).toBe("skipped");
    // The result lists the steps in their fixed order, whatever order they finished in.
    expect(result.steps.map((s) => s.step)).toEqual([...STEP_IDS]);
    // Each step streams running before its outcome.
    expect(events.filter((e) => e.step === "identity").map((e) => e.status)).toEqual(["running", "passed"]);
    expect(JSON.stringify(result)).not.toContain(u.secretAccessKey);
  });

  it("ManualConfig with a session token (temporary credentials) passes", async () => {
    const u = emu.addUser({ name: `temp-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    const role = emu.addRole({
      name: `temp-role-${suffix}`,
      accountId: ACCOUNT,
      trust: { principals: [u.arn] },
      allow: ALLOW,
    });
    // Get temporary keys the way a user would (AssumeRole), then store all three parts.
    const { assumeRole } = await import("@/lib/aws/sts");
    const t = await assumeRole(
      { region: "us-east-1", credentials: u, callTimeoutMs: 5000 },
      { roleArn: role.arn, sessionName: "setup" },
    );
    const spec = manual(t.credentials.accessKeyId, await secret("tsk", t.credentials.secretAccessKey));
    (spec.credential as { spec: Record<string, string> }).spec.sessionTokenRef = await secret(
      "tok",
      t.credentials.sessionToken,
    );
    const { result, step } = await run(spec);
    expect(result.status).toBe("SUCCESS");
    expect(step("identity").data?.arn).toContain(`assumed-role/temp-role-${suffix}/setup`);
  });

  it("InheritFromDelegate uses the server's own credential chain", async () => {
    const u = emu.addUser({ name: `server-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    process.env.AWS_ACCESS_KEY_ID = u.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = u.secretAccessKey;
    try {
      const { result, step } = await run({
        credential: { type: "InheritFromDelegate", spec: null, region: "us-east-1" },
        delegateSelectors: [],
        executeOnDelegate: true,
      });
      expect(result.status).toBe("SUCCESS");
      expect(step("identity").data?.arn).toBe(u.arn);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  it("Irsa exchanges the service account token file for role credentials", async () => {
    emu.addOidcProvider({ url: issuer.issuer, clientIds: ["sts.amazonaws.com"], accountId: ACCOUNT });
    const role = emu.addRole({
      name: `irsa-${suffix}`,
      accountId: ACCOUNT,
      allow: ALLOW,
      trust: {
        webIdentity: {
          issuer: issuer.issuer,
          audience: "sts.amazonaws.com",
          subject: "system:serviceaccount:conduit:conduit",
        },
      },
    });
    const dir = await mkdtemp(path.join(tmpdir(), "irsa-"));
    const file = path.join(dir, "token");
    await writeFile(
      file,
      await issuer.sign({ aud: "sts.amazonaws.com", sub: "system:serviceaccount:conduit:conduit" }),
    );
    const irsa = {
      credential: { type: "Irsa" as const, spec: null, region: "us-east-1" },
      delegateSelectors: [],
      executeOnDelegate: true,
    };
    // Without the variables EKS sets, the step says what is missing.
    const missing = await run(irsa);
    expect(missing.step("credentials")).toMatchObject({ status: "failed", errorCode: "IrsaNotConfigured" });
    process.env.AWS_WEB_IDENTITY_TOKEN_FILE = file;
    process.env.AWS_ROLE_ARN = role.arn;
    resetEnvCache();
    try {
      const { result, step } = await run(irsa);
      expect(result.status).toBe("SUCCESS");
      expect(step("identity").data?.arn).toContain(`assumed-role/irsa-${suffix}/`);
    } finally {
      delete process.env.AWS_WEB_IDENTITY_TOKEN_FILE;
      delete process.env.AWS_ROLE_ARN;
      resetEnvCache();
    }
  });

  it("a wrong secret key fails at once with the secret-key hint", async () => {
    const u = emu.addUser({ name: `wrong-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    const { result, step } = await run(
      manual(u.accessKeyId, await secret("bad", "not-the-secret-key-0000000000000000000")),
    );
    expect(result.status).toBe("FAILURE");
    expect(step("identity")).toMatchObject({ status: "failed", errorCode: "SignatureDoesNotMatch", retries: 0 });
    expect(step("identity").hint?.text).toMatch(/secret access key is wrong/);
    expect(result.errors[0]).toMatchObject({ code: "SignatureDoesNotMatch" });
  });

  it("an unknown access key fails with the partition hint", async () => {
    const { result, step } = await run(manual("AKIAUNKNOWNKEY000001", await secret("unk", "x".repeat(40))));
    expect(result.status).toBe("FAILURE");
    expect(step("identity").errorCode).toBe("InvalidClientTokenId");
    expect(step("identity").hint?.text).toMatch(/does not exist in commercial AWS/);
  });

  it("a commercial key with a GovCloud test region fails with InvalidClientTokenId", async () => {
    const u = emu.addUser({ name: `comm-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    const { result, step } = await run(
      manual(u.accessKeyId, await secret("gov", u.secretAccessKey), { region: "us-gov-west-1" }),
    );
    expect(result.status).toBe("FAILURE");
    expect(step("identity").errorCode).toBe("InvalidClientTokenId");
    expect(step("identity").hint?.text).toMatch(
      /AWS GovCloud \(US\).*GovCloud keys work only with a GovCloud test region/,
    );
  });

  it("missing ec2:DescribeRegions fails that step with the policy to attach", async () => {
    const u = emu.addUser({ name: `noregions-${suffix}`, accountId: ACCOUNT, allow: ["iam:SimulatePrincipalPolicy"] });
    const { result, step } = await run(manual(u.accessKeyId, await secret("nr", u.secretAccessKey)));
    expect(result.status).toBe("FAILURE");
    expect(step("identity").status).toBe("passed");
    expect(step("describeRegions")).toMatchObject({ status: "failed", errorCode: "UnauthorizedOperation" });
    expect(JSON.stringify(step("describeRegions").hint?.policy)).toContain("ec2:DescribeRegions");
  });

  it("cross-account: the right external ID assumes the role; a wrong one gets the trust-policy hint", async () => {
    const u = emu.addUser({ name: `xa-${suffix}`, accountId: ACCOUNT, allow: [] });
    const role = emu.addRole({
      name: `deploy-${suffix}`,
      accountId: "444455556666",
      trust: { principals: [u.arn], externalId: "ext-123" },
      allow: ALLOW,
    });
    const sk = await secret("xa", u.secretAccessKey);
    const ok = await run(
      manual(u.accessKeyId, sk, { crossAccountAccess: { crossAccountRoleArn: role.arn, externalId: "ext-123" } }),
    );
    expect(ok.result.status).toBe("SUCCESS");
    expect(ok.step("roleIdentity").data).toMatchObject({ account: "444455556666" });
    expect(ok.step("roleIdentity").data?.arn).toContain(`assumed-role/deploy-${suffix}/conduit-itest`);

    const bad = await run(
      manual(u.accessKeyId, sk, { crossAccountAccess: { crossAccountRoleArn: role.arn, externalId: "wrong" } }),
    );
    expect(bad.result.status).toBe("FAILURE");
    expect(bad.step("assumeRole")).toMatchObject({ status: "failed", errorCode: "AccessDenied" });
    expect(bad.step("assumeRole").hint?.policy).toMatchObject({
      Statement: [
        {
          Principal: { AWS: u.arn },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "wrong" } },
        },
      ],
    });
    expect(bad.step("describeRegions").status).toBe("skipped");
  });

  it("throttling that recovers within the retry count passes and reports the retries", async () => {
    const u = emu.addUser({ name: `thr-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    emu.faults.throttle(2, { action: "GetCallerIdentity" });
    const { result, step } = await run(
      manual(
        u.accessKeyId,
        await secret("thr", u.secretAccessKey),
        {},
        { awsSdkClientBackOffStrategyOverride: fastFixed(3) },
      ),
    );
    expect(result.status).toBe("SUCCESS");
    expect(step("identity")).toMatchObject({ status: "passed", retries: 2 });
    expect(step("identity").retryReasons?.[0]).toMatch(/Throttling \(throttling\), waited 5 ms/);
  });

  it("throttling that outlasts the retry count fails with the backoff hint", async () => {
    const u = emu.addUser({ name: `thr2-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    emu.faults.throttle(10, { action: "DescribeRegions" });
    const { result, step } = await run(
      manual(
        u.accessKeyId,
        await secret("thr2", u.secretAccessKey),
        {},
        { awsSdkClientBackOffStrategyOverride: fastFixed(2) },
      ),
    );
    expect(result.status).toBe("FAILURE");
    expect(step("describeRegions")).toMatchObject({ status: "failed", errorCode: "RequestLimitExceeded", retries: 2 });
    expect(step("describeRegions").hint?.text).toMatch(/kept throttling the call after 2 retries/);
  });

  it("a hung endpoint fails the step with a time limit, never a hung test", async () => {
    const u = emu.addUser({ name: `hang-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    emu.faults.hang({ action: "DescribeRegions" });
    const { result, step } = await run(
      manual(
        u.accessKeyId,
        await secret("hang", u.secretAccessKey),
        {},
        { awsSdkClientBackOffStrategyOverride: fastFixed(1) },
      ),
      { callTimeoutMs: 400 },
    );
    expect(result.status).toBe("FAILURE");
    expect(step("describeRegions")).toMatchObject({ status: "failed", errorCode: "RequestTimeout", retries: 1 });
    expect(step("describeRegions").detail).toBe("Timed out after 0.4 s waiting for AWS");
    expect(step("identity").status).toBe("passed");
  });

  it("the whole-test limit stops a run whose calls keep hanging", async () => {
    const u = emu.addUser({ name: `hang2-${suffix}`, accountId: ACCOUNT, allow: ALLOW });
    emu.faults.hang({ action: "GetCallerIdentity" });
    const { result, step } = await run(manual(u.accessKeyId, await secret("hang2", u.secretAccessKey)), {
      timeoutMs: 1_000,
      callTimeoutMs: 5_000,
    });
    expect(result.status).toBe("FAILURE");
    expect(step("identity")).toMatchObject({
      status: "failed",
      errorCode: "TestTimeout",
      detail: "Timed out after 1 s (the limit for the whole test)",
    });
  });

  it("delegate selectors that no delegate carries fail before any AWS call", async () => {
    const calls = emu.calls.length;
    const { result, step } = await run(
      manual("AKIAUNUSEDKEY0000001", await secret("dl", "x".repeat(40)), {}, { delegateSelectors: ["gpu-pool"] }),
    );
    expect(result.status).toBe("FAILURE");
    expect(step("credentials")).toMatchObject({ status: "failed", errorCode: "DelegateMismatch" });
    expect(step("credentials").detail).toMatch(/gpu-pool/);
    expect(emu.calls.length).toBe(calls);
  });

  it("missing permissions for EKS make the verdict PARTIAL, not FAILURE", async () => {
    const u = emu.addUser({
      name: `partial-${suffix}`,
      accountId: ACCOUNT,
      allow: ["ec2:DescribeRegions", "iam:SimulatePrincipalPolicy"],
    });
    const { result, step }: { result: TestResult; step: (id: string) => StepEvent } = await run(
      manual(u.accessKeyId, await secret("p", u.secretAccessKey)),
    );
    expect(result.status).toBe("PARTIAL");
    expect(step("permissions").detail).toMatch(/Not allowed: eks:ListClusters, eks:DescribeCluster/);
  });
});

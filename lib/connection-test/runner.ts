// The connection test engine: real AWS calls through the SDK, step by step, independent calls
// in parallel, each bounded in time, retried with the connector's backoff, explained on failure.
import "server-only";
import type { AwsCredentialIdentity } from "@smithy/types";
import { transportConfig, type CallOptions } from "@/lib/aws/clients";
import { connectorCallOptions, connectorOidcContext, crossAccountRoleInput } from "@/lib/connectors/aws-calls";
import {
  baseCredentials,
  CredentialSetupError,
  delegateMismatch,
  type OidcTokenFacts,
  type SecretReader,
} from "@/lib/connectors/credentials";
import { describeRegions } from "@/lib/aws/ec2";
import { awsErrorFacts } from "@/lib/aws/errors";
import { policySourceArn, simulatePermissions } from "@/lib/aws/iam";
import { assumeRole, getCallerIdentity } from "@/lib/aws/sts";
import type { RetryRecord } from "@/lib/aws/retry";
import type { ConnectorInput } from "@/lib/connectors/schemas";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { TokenScope } from "@/lib/oidc/claims";
import { hintFor } from "./hints";
import { STEP_IDS, STEP_TITLES, type StepEvent, type StepId, type TestResult } from "./types";

export const CHECKED_ACTIONS = ["ec2:DescribeRegions", "eks:ListClusters", "eks:DescribeCluster"];

export interface RunOptions {
  identifier: string;
  readSecret: SecretReader;
  spec: ConnectorInput["spec"];
  emit: (e: StepEvent) => void;
  timeoutMs: number;
  callTimeoutMs: number;
  delegateId: string;
  random?: () => number;
  /** Name and scope of the connector: the `sub` and claims of its OIDC token (default: account scope). */
  connector?: { name: string; scope: TokenScope };
}

type Outcome<T> = { ok: true; value: T } | { ok: false };
interface StepOk<T> {
  value: T;
  detail: string;
  data?: Record<string, unknown>;
  requestId?: string;
  /** Optional checks may report a problem without failing the connector. */
  status?: "passed" | "failed" | "skipped";
  hintCode?: string;
}

class TestTimeout extends Error {}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}

export async function runConnectionTest(o: RunOptions): Promise<TestResult> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(new TestTimeout()), o.timeoutMs);
  const cred = o.spec.credential;
  const cross = cred.crossAccountAccess;
  const steps = new Map<StepId, StepEvent>();
  const known: { callerArn?: string; oidc?: OidcTokenFacts } = {};

  const emit = (e: Omit<StepEvent, "type" | "title">) => {
    const ev: StepEvent = { type: "step", title: STEP_TITLES[e.step], ...e };
    steps.set(e.step, ev);
    o.emit(ev);
  };
  const skip = (step: StepId, detail: string) => emit({ step, status: "skipped", detail, retries: 0 });

  const callOptions = (credentials: CallOptions["credentials"], onRetry: (r: RetryRecord) => void): CallOptions =>
    connectorCallOptions(o.spec, {
      region: cred.region,
      credentials,
      callTimeoutMs: o.callTimeoutMs,
      onRetry,
      signal: ctrl.signal,
      random: o.random,
    });

  async function run<T>(
    step: StepId,
    fn: (onRetry: (r: RetryRecord) => void) => Promise<StepOk<T>>,
  ): Promise<Outcome<T>> {
    const retries: RetryRecord[] = [];
    const s0 = performance.now();
    emit({ step, status: "running", retries: 0 });
    const common = () => ({
      durationMs: Math.round(performance.now() - s0),
      retries: retries.length,
      retryReasons: retries.length
        ? retries.map((r) => `${r.code} (${r.errorClass}), waited ${r.delayMs} ms`)
        : undefined,
    });
    try {
      const r = await abortable(
        fn((rec) => retries.push(rec)),
        ctrl.signal,
      );
      const status = r.status ?? "passed";
      const hint = r.hintCode
        ? hintFor({ step, code: r.hintCode, region: cred.region, retries: retries.length, callerArn: known.callerArn })
        : undefined;
      emit({
        step,
        status,
        detail: r.detail,
        data: r.data,
        awsRequestId: r.requestId,
        ...common(),
        ...(hint ? { hint } : {}),
      });
      return status === "failed" ? { ok: false } : { ok: true, value: r.value };
    } catch (err) {
      let code: string;
      let detail: string;
      let requestId: string | undefined;
      if (ctrl.signal.aborted) {
        code = "TestTimeout";
        detail = `Timed out after ${o.timeoutMs / 1000} s (the limit for the whole test)`;
      } else if (err instanceof CredentialSetupError) {
        code = err.code;
        detail = err.message;
      } else if (err instanceof AppError && err.code === "NOT_FOUND") {
        code = "SecretNotFound";
        detail = err.message;
      } else {
        const f = awsErrorFacts(err);
        code = f.code;
        requestId = f.requestId;
        detail = f.timedOut ? `Timed out after ${o.callTimeoutMs / 1000} s waiting for AWS` : `${f.code}: ${f.message}`;
      }
      const hint = hintFor({
        step,
        code,
        region: cred.region,
        retries: retries.length,
        callerArn: known.callerArn,
        roleArn: cross?.crossAccountRoleArn,
        externalId: cross?.externalId,
        timeoutSeconds: (code === "TestTimeout" ? o.timeoutMs : o.callTimeoutMs) / 1000,
        message: detail,
        oidc: known.oidc,
      });
      emit({
        step,
        status: "failed",
        detail,
        errorCode: code,
        awsRequestId: requestId,
        ...common(),
        ...(hint ? { hint } : {}),
      });
      return { ok: false };
    }
  }

  const identityStep = (step: "identity" | "roleIdentity", creds: CallOptions["credentials"]) =>
    run(step, async (onRetry) => {
      const id = await getCallerIdentity(callOptions(creds, onRetry));
      known.callerArn = id.arn;
      return {
        value: id,
        detail: `${step === "roleIdentity" ? "Acting as" : "Authenticated as"} ${id.arn} in account ${id.account} (partition ${id.partition})`,
        data: { account: id.account, arn: id.arn, userId: id.userId, partition: id.partition },
        requestId: id.requestId,
      };
    });

  const regionsStep = (creds: CallOptions["credentials"]) =>
    run("describeRegions", async (onRetry) => {
      const r = await describeRegions(callOptions(creds, onRetry));
      return {
        value: r.regions,
        detail: `${r.regions.length} regions are enabled for this account`,
        data: { count: r.regions.length, regions: r.regions },
        requestId: r.requestId,
      };
    });

  const permissionsStep = (creds: CallOptions["credentials"], arn: string) =>
    run("permissions", async (onRetry) => {
      try {
        const r = await simulatePermissions(callOptions(creds, onRetry), policySourceArn(arn), CHECKED_ACTIONS);
        const denied = r.results.filter((x) => x.decision !== "allowed").map((x) => x.action);
        const allowed = r.results.filter((x) => x.decision === "allowed").map((x) => x.action);
        return {
          value: r.results,
          status: denied.length ? "failed" : "passed",
          detail: denied.length
            ? `Not allowed: ${denied.join(", ")}. Allowed: ${allowed.join(", ") || "none"}`
            : `Allowed: ${allowed.join(", ")}`,
          data: { results: r.results },
          requestId: r.requestId,
        };
      } catch (err) {
        const f = awsErrorFacts(err);
        if (f.code !== "AccessDenied" && f.code !== "AccessDeniedException") throw err;
        // Optional: many roles may not simulate their own policies; say so, do not fail.
        return {
          value: [],
          status: "skipped",
          detail: "Not checked: these credentials may not call iam:SimulatePrincipalPolicy (optional)",
          requestId: f.requestId,
        };
      }
    });

  try {
    const mismatch = delegateMismatch(o.spec.delegateSelectors ?? []);
    const base = await run("credentials", async (onRetry) => {
      if (mismatch) throw new CredentialSetupError("DelegateMismatch", mismatch);
      const {
        credentials: _none,
        signal: _s,
        ...transport
      } = callOptions({ accessKeyId: "", secretAccessKey: "" }, onRetry);
      const scope = o.connector?.scope ?? { accountId: env().CONDUIT_ACCOUNT_ID };
      const oidc = connectorOidcContext({ identifier: o.identifier, name: o.connector?.name ?? o.identifier, scope });
      const b = await baseCredentials(cred, o.readSecret, transportConfig(transport), { oidc });
      known.oidc = b.oidc;
      const resolved: AwsCredentialIdentity =
        typeof b.credentials === "function" ? await b.credentials() : b.credentials;
      const data = b.oidc
        ? { issuer: b.oidc.issuer, audience: b.oidc.audience, subject: b.oidc.subject, roleArn: b.oidc.roleArn }
        : undefined;
      return { value: resolved, detail: `Using ${b.source}`, data };
    });
    const later: StepId[] = ["identity", "assumeRole", "roleIdentity", "describeRegions", "permissions"];
    if (!base.ok) {
      later.forEach((s) => skip(s, "Skipped: no credentials to test with"));
    } else if (!cross) {
      skip("assumeRole", "Cross-account access is off");
      skip("roleIdentity", "Cross-account access is off");
      const idP = identityStep("identity", base.value);
      const regionsP = regionsStep(base.value);
      const permP = idP.then((id) =>
        id.ok
          ? permissionsStep(base.value, id.value.arn)
          : (skip("permissions", "Skipped: identity unknown"), undefined),
      );
      await Promise.all([idP, regionsP, permP]);
    } else {
      const idP = identityStep("identity", base.value);
      const roleP = run("assumeRole", async (onRetry) => {
        const r = await assumeRole(callOptions(base.value, onRetry), crossAccountRoleInput(cross, o.identifier));
        return {
          value: r.credentials,
          detail: `Assumed ${cross.crossAccountRoleArn}${cross.externalId ? " with the external ID" : ""}; session valid until ${r.credentials.expiration?.toISOString() ?? "unknown"}`,
          data: { assumedRoleArn: r.assumedRoleArn, expiration: r.credentials.expiration?.toISOString() },
          requestId: r.requestId,
        };
      });
      const [, role] = await Promise.all([idP, roleP]);
      if (!role.ok) {
        ["roleIdentity", "describeRegions", "permissions"].forEach((s) =>
          skip(s as StepId, "Skipped: the role could not be assumed"),
        );
      } else {
        const ridP = identityStep("roleIdentity", role.value);
        const regionsP = regionsStep(role.value);
        const permP = ridP.then((id) =>
          id.ok
            ? permissionsStep(role.value, id.value.arn)
            : (skip("permissions", "Skipped: role identity unknown"), undefined),
        );
        await Promise.all([ridP, regionsP, permP]);
      }
    }
  } finally {
    clearTimeout(timer);
  }
  const ordered = STEP_IDS.map((id) => steps.get(id)).filter((x): x is StepEvent => Boolean(x));
  return verdict(ordered, startedAt, performance.now() - t0, o.delegateId);
}

const OPTIONAL: StepId[] = ["permissions"];

export function verdict(steps: StepEvent[], startedAt: number, durationMs: number, delegateId: string): TestResult {
  const failed = steps.filter((s) => s.status === "failed");
  const requiredFailed = failed.filter((s) => !OPTIONAL.includes(s.step));
  const status = requiredFailed.length ? "FAILURE" : failed.length ? "PARTIAL" : "SUCCESS";
  const first = requiredFailed[0] ?? failed[0];
  return {
    status,
    errors: failed.map((s) => ({
      reason: s.title,
      message: s.detail ?? "",
      code: s.errorCode ?? "PermissionsMissing",
    })),
    errorSummary: first ? `${first.title}: ${first.detail ?? "failed"}` : "",
    testedAt: startedAt,
    delegateId,
    durationMs: Math.round(durationMs),
    steps,
  };
}

// The connection test engine: the declared plan (plan.ts) run by the step executor, each failure
// explained through lib/diagnosis, then the verdict.
import "server-only";
import { diagnoseAws, type AwsAction } from "@/lib/diagnosis/aws";
import { runPlan } from "@/lib/steps/executor";
import { connectionTestPlan } from "./plan";
import type { RunOptions, TestRun } from "./steps/context";
import type { StepEvent, StepId, TestResult } from "./types";

export type { RunOptions } from "./steps/context";
export { CHECKED_ACTIONS } from "./steps/permissions";

const ACTIONS: Record<StepId, AwsAction> = {
  credentials: "resolve-credentials",
  identity: "get-caller-identity",
  assumeRole: "assume-role",
  roleIdentity: "get-caller-identity",
  describeRegions: "describe-regions",
  permissions: "simulate-policy",
};

export async function runConnectionTest(o: RunOptions): Promise<TestResult> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const run: TestRun = { o, known: {} };
  const cross = o.spec.credential.crossAccountAccess;
  const steps = await runPlan(connectionTestPlan(run), {
    emit: o.emit,
    timeoutMs: o.timeoutMs,
    signal: o.signal,
    diagnose: (err, step, info) =>
      diagnoseAws(err, {
        action: ACTIONS[step],
        context: "test",
        region: o.spec.credential.region,
        retries: info.retries,
        testTimedOut: info.timedOut,
        timeoutSeconds: (info.timedOut ? o.timeoutMs : o.callTimeoutMs) / 1000,
        callerArn: run.known.callerArn,
        roleArn: cross?.crossAccountRoleArn,
        externalId: cross?.externalId,
        oidc: run.known.oidc,
      }),
  });
  return verdict(steps, startedAt, performance.now() - t0, o.delegateId);
}

/**
 * Steps whose failure makes the verdict PARTIAL, not FAILURE: the credentials work, a chosen use
 * misses an action. An optional check that could not run is skipped ("not checked") and leaves
 * the verdict alone.
 */
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

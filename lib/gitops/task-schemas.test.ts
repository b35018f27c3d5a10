import { describe, expect, it } from "vitest";
import { taskEventsSchema, taskResultSchema } from "@/lib/connection-test/delegated-schemas";
import { clusterTaskEventsSchema, clusterTaskResultSchema } from "./task-schemas";

const who = { delegateId: "0b6f4a52-8a0e-4c44-9a51-7b1c1f0e2a11", instanceId: "5d1c8c3e-2f4b-4d7a-8e0a-3c2b1a0f9e88" };
const step = (id: string, status = "passed") => ({ type: "step", step: id, title: id, status, retries: 0 });
const clusterResult = {
  status: "Failed",
  steps: [step("credentials"), step("oidcProvider", "failed")],
  failedStep: "oidcProvider",
  message: "No IAM OIDC provider",
  hint: "Create it",
  command: "eksctl utils associate-iam-oidc-provider --cluster m --approve",
  serverVersion: null,
  testedAt: "2026-12-01T03:00:00.000Z",
  durationMs: 120,
};

describe("what a delegate reports for a GitOps cluster's test", () => {
  it("accepts the cluster test's steps and result, and tells them from a connector test's", () => {
    expect(clusterTaskResultSchema.safeParse({ ...who, result: clusterResult, next: 1 }).success).toBe(true);
    expect(taskResultSchema.safeParse({ ...who, result: clusterResult }).success).toBe(false);
    const events = { ...who, events: [step("oidcProvider", "running")] };
    expect(clusterTaskEventsSchema.safeParse(events).success).toBe(true);
    expect(taskEventsSchema.safeParse(events).success).toBe(false);
    // A step both tests have fits either.
    const shared = { ...who, events: [step("credentials", "running")] };
    expect(clusterTaskEventsSchema.safeParse(shared).success && taskEventsSchema.safeParse(shared).success).toBe(true);
  });

  it("refuses a result with an unknown step, a bad status or an oversized message", () => {
    for (const bad of [
      { ...clusterResult, steps: [step("identity")] },
      { ...clusterResult, status: "SUCCESS" },
      { ...clusterResult, failedStep: "permissions" },
      { ...clusterResult, message: "x".repeat(8001) },
      { ...clusterResult, testedAt: "yesterday" },
    ])
      expect(clusterTaskResultSchema.safeParse({ ...who, result: bad }).success).toBe(false);
  });
});

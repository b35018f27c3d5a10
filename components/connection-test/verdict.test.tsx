import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { StepEvent, TestResult } from "@/lib/connection-test/types";
import { Verdict } from "./verdict";

const step = (id: StepEvent["step"], status: StepEvent["status"], detail?: string): StepEvent => ({
  type: "step",
  step: id,
  title: id,
  status,
  retries: 0,
  detail,
  data: id === "identity" && status === "passed" ? { account: "123456789012" } : undefined,
});
const result = (steps: StepEvent[]): TestResult => ({
  status: "SUCCESS",
  errors: [],
  errorSummary: "",
  testedAt: 0,
  delegateId: "local",
  durationMs: 42,
  steps,
});

describe("Verdict", () => {
  it("claims everything is allowed only when the permission check passed", () => {
    render(
      <Verdict
        result={result([step("credentials", "passed"), step("identity", "passed"), step("permissions", "passed")])}
      />,
    );
    expect(screen.getByRole("status", { name: "Test verdict" })).toHaveTextContent(
      "everything Conduit needs is allowed",
    );
  });

  it("says what was verified and what was not when the permission check was skipped", () => {
    render(
      <Verdict
        result={result([
          step("credentials", "passed"),
          step("identity", "running"),
          step("identity", "passed"),
          step("permissions", "skipped", "iam:SimulatePrincipalPolicy is not allowed for this identity"),
        ])}
      />,
    );
    const verdict = screen.getByRole("status", { name: "Test verdict" });
    expect(verdict).not.toHaveTextContent("everything Conduit needs is allowed");
    expect(verdict).toHaveTextContent("the permissions Conduit needs were not checked");
    expect(verdict).toHaveTextContent("Verified: Resolve credentials · Verify identity (sts:GetCallerIdentity)");
    expect(verdict).toHaveTextContent(
      "Not verified: Check permissions (iam:SimulatePrincipalPolicy): iam:SimulatePrincipalPolicy is not allowed",
    );
    expect(verdict).toHaveTextContent("Account 123456789012");
  });
});
